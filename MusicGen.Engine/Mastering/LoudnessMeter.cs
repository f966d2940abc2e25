using System.Runtime.Intrinsics;

namespace MusicGen.Engine.Mastering;

/// <summary>
/// BS.1770-4 / EBU R128 integrated loudness of interleaved stereo: K-weighted mean square in 400 ms
/// blocks with 75 % overlap, absolute gate −70 LUFS, relative gate −10 LU. Feed it in any block sizes.
/// Each channel is K-weighted eight frames per step (<see cref="KWeightingBlock"/>) straight from the
/// interleaved samples; each hop's energy is summed in eight lanes and then in double.
/// </summary>
public sealed class LoudnessMeter
{
    private readonly int hop;
    private readonly List<double> hopEnergies = [];
    private readonly KWeightingBlock weighting;
    private Vector128<float> leftState, rightState;

    /// <summary>The current hop's energy so far: both channels, spread over the lanes, plus frames taken one by one.</summary>
    private Vector256<float> current;
    private double currentTail;
    private int inHop;

    public LoudnessMeter(int sampleRate)
    {
        weighting = new KWeightingBlock(sampleRate);
        hop = sampleRate / 10;
    }

    public void Add(ReadOnlySpan<float> interleaved)
    {
        var frames = interleaved.Length / 2;
        for (var n = 0; n < frames;)
        {
            // Whole steps within the hop, then the hop's last frames one by one.
            var end = Math.Min(frames, n + hop - inHop);
            Filter(interleaved.Slice(2 * n, 2 * (end - n)));
            inHop += end - n;
            n = end;
            if (inHop == hop)
            {
                var sum = currentTail;
                for (var lane = 0; lane < Vector256<float>.Count; lane++)
                {
                    sum += current.GetElement(lane);
                }

                hopEnergies.Add(sum);
                (current, currentTail, inHop) = (Vector256<float>.Zero, 0, 0);
            }
        }
    }

    private unsafe void Filter(ReadOnlySpan<float> interleaved)
    {
        var frames = interleaved.Length / 2;
        var steps = frames / KWeightingBlock.Frames;
        var energy = current;
        fixed (float* x = interleaved)
        {
            for (var i = 0; i < steps; i++)
            {
                var first = x + 2 * KWeightingBlock.Frames * i;
                weighting.Step(ref leftState, first, ref energy);
                weighting.Step(ref rightState, first + 1, ref energy);
            }
        }

        current = energy;
        for (var n = KWeightingBlock.Frames * steps; n < frames; n++)
        {
            var yl = weighting.Tick(ref leftState, interleaved[2 * n]);
            var yr = weighting.Tick(ref rightState, interleaved[2 * n + 1]);
            currentTail += (double)yl * yl + (double)yr * yr;
        }
    }

    /// <summary>Integrated loudness in LUFS; −∞ (negative infinity) when nothing rises above the absolute gate.</summary>
    public double IntegratedLufs => Integrate(hopEnergies);

    /// <summary>
    /// The integrated loudness this meter would read if each hop's K-weighted energy had changed in the same
    /// ratio as its unweighted energy did from <paramref name="before"/> to <paramref name="after"/> (both fed
    /// the same frames as this meter): an estimate, close when a stage's gain moves slowly against the
    /// K-weighting's memory and does not single out a band.
    /// </summary>
    internal double EstimateAfter(HopPower before, HopPower after)
    {
        var hops = Math.Min(hopEnergies.Count, Math.Min(before.Energies.Count, after.Energies.Count));
        var estimated = new double[hops];
        for (var i = 0; i < hops; i++)
        {
            var ratio = before.Energies[i] > 0 ? after.Energies[i] / before.Energies[i] : 1.0;
            estimated[i] = hopEnergies[i] * ratio;
        }

        return Integrate(estimated);
    }

    private double Integrate(IReadOnlyList<double> energies)
    {
        var blocks = new List<double>();
        for (var i = 0; i + 4 <= energies.Count; i++)
        {
            blocks.Add((energies[i] + energies[i + 1] + energies[i + 2] + energies[i + 3]) / (4.0 * hop));
        }

        var absolute = blocks.Where(z => Loudness(z) > -70.0).ToList();
        if (absolute.Count == 0)
        {
            return double.NegativeInfinity;
        }

        var relativeGate = Loudness(absolute.Average()) - 10.0;
        var gated = absolute.Where(z => Loudness(z) > relativeGate).ToList();
        return gated.Count == 0 ? double.NegativeInfinity : Loudness(gated.Average());
    }

    private static double Loudness(double meanSquare) => -0.691 + 10.0 * Math.Log10(meanSquare);

    public static double Measure(ReadOnlySpan<float> interleaved, int sampleRate)
    {
        var meter = new LoudnessMeter(sampleRate);
        meter.Add(interleaved);
        return meter.IntegratedLufs;
    }
}
