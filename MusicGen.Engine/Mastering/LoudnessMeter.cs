using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MusicGen.Engine.Mastering;

/// <summary>
/// BS.1770-4 / EBU R128 integrated loudness of interleaved stereo: K-weighted mean square in 400 ms
/// blocks with 75 % overlap, absolute gate −70 LUFS, relative gate −10 LU. Feed it in any block sizes.
/// Each channel is K-weighted eight frames per step (<see cref="KWeightingBlock"/>) in double precision.
/// </summary>
public sealed class LoudnessMeter
{
    /// <summary>Frames converted to double (and split by channel) at a time.</summary>
    private const int ScratchFrames = 512;

    private readonly int hop;
    private readonly List<double> hopEnergies = [];
    private readonly KWeightingBlock weighting;
    private readonly double[] left = new double[ScratchFrames], right = new double[ScratchFrames];
    private Vector256<double> leftState, rightState;

    /// <summary>The current hop's energy so far: both channels, spread over the lanes.</summary>
    private Vector256<double> current;
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
            // Whole steps within the hop and the scratch buffers, then the hop's last frames one by one.
            var end = Math.Min(frames, n + Math.Min(hop - inHop, ScratchFrames));
            var steps = (end - n) / KWeightingBlock.Frames;
            Filter(interleaved.Slice(2 * n, 2 * (end - n)), steps);
            inHop += end - n;
            n = end;
            if (inHop == hop)
            {
                hopEnergies.Add(Vector256.Sum(current));
                current = Vector256<double>.Zero;
                inHop = 0;
            }
        }
    }

    private unsafe void Filter(ReadOnlySpan<float> interleaved, int steps)
    {
        var frames = interleaved.Length / 2;
        var n = 0;
        if (Avx2.IsSupported)
        {
            // Four frames at a time: (L0 R0 L1 R1), (L2 R2 L3 R3) → (L0 L2 L1 L3) → (L0 L1 L2 L3), and so for R.
            ref var source = ref MemoryMarshal.GetReference(interleaved);
            ref var l = ref MemoryMarshal.GetArrayDataReference(left);
            ref var r = ref MemoryMarshal.GetArrayDataReference(right);
            for (; n + 4 <= frames; n += 4)
            {
                var four = Vector256.LoadUnsafe(ref source, (nuint)(2 * n));
                var (early, late) = (Vector256.WidenLower(four), Vector256.WidenUpper(four));
                Avx2.Permute4x64(Avx.UnpackLow(early, late), 0b11_01_10_00).StoreUnsafe(ref l, (nuint)n);
                Avx2.Permute4x64(Avx.UnpackHigh(early, late), 0b11_01_10_00).StoreUnsafe(ref r, (nuint)n);
            }
        }

        for (; n < frames; n++)
        {
            left[n] = interleaved[2 * n];
            right[n] = interleaved[2 * n + 1];
        }

        var energy = current;
        fixed (double* l = left)
        fixed (double* r = right)
        {
            for (var i = 0; i < steps; i++)
            {
                weighting.Step(ref leftState, l + KWeightingBlock.Frames * i, ref energy);
                weighting.Step(ref rightState, r + KWeightingBlock.Frames * i, ref energy);
            }
        }

        var tail = 0.0;
        for (n = KWeightingBlock.Frames * steps; n < frames; n++)
        {
            var yl = weighting.Tick(ref leftState, left[n]);
            var yr = weighting.Tick(ref rightState, right[n]);
            tail += yl * yl + yr * yr;
        }

        current = energy.WithElement(0, energy.GetElement(0) + tail);
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
