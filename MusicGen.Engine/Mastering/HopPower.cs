using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MusicGen.Engine.Mastering;

/// <summary>
/// Unweighted energy (the sum of squares of both channels) per 100 ms hop, the hops of
/// <see cref="LoudnessMeter"/> counted from the first frame. Two of these around a gain stage tell
/// <see cref="LoudnessMeter.EstimateAfter"/> how much each hop's energy changed, for a fraction of a meter's cost.
/// </summary>
internal sealed class HopPower(int sampleRate)
{
    private readonly int hop = sampleRate / 10;
    private readonly List<double> energies = [];
    private double current;
    private int inHop;

    /// <summary>The energy of every whole hop so far.</summary>
    public IReadOnlyList<double> Energies => energies;

    public void Add(ReadOnlySpan<float> interleaved)
    {
        var frames = interleaved.Length / 2;
        for (var n = 0; n < frames;)
        {
            var end = Math.Min(frames, n + hop - inHop);
            current += SumOfSquares(interleaved[(2 * n)..(2 * end)]);
            inHop += end - n;
            n = end;
            if (inHop == hop)
            {
                energies.Add(current);
                current = 0;
                inHop = 0;
            }
        }
    }

    /// <summary>Appends a whole hop's energy worked out elsewhere.</summary>
    public void AddHop(double energy) => energies.Add(energy);

    /// <summary>Σ x² over <paramref name="samples"/>: eight float lanes, summed in double (a hop or less is plenty for float).</summary>
    public static double SumOfSquares(ReadOnlySpan<float> samples)
    {
        // A hop is at most a few thousand samples, eight lanes each summing a few hundred: float is plenty.
        var sum = Vector256<float>.Zero;
        ref var start = ref MemoryMarshal.GetReference(samples);
        var i = 0;
        for (; i + 8 <= samples.Length; i += 8)
        {
            var v = Vector256.LoadUnsafe(ref start, (nuint)i);
            sum = Vector256.FusedMultiplyAdd(v, v, sum);
        }

        double total = Vector256.Sum(sum);
        for (; i < samples.Length; i++)
        {
            total += samples[i] * samples[i];
        }

        return total;
    }
}
