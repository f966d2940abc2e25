using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MusicGen.Engine.Mastering;

/// <summary>
/// BS.1770-4 / EBU R128 integrated loudness of interleaved stereo: K-weighted mean square in 400 ms
/// blocks with 75 % overlap, absolute gate −70 LUFS, relative gate −10 LU. Feed it in any block sizes.
/// The two channels are filtered side by side (<see cref="StereoBiquad"/>), two frames per step where AVX allows.
/// </summary>
public sealed class LoudnessMeter
{
    private readonly int hop;
    private readonly List<double> hopEnergies = [];
    private StereoBiquad shelf, highPass;

    /// <summary>The current hop's energy so far, per channel.</summary>
    private Vector128<double> current;
    private int inHop;

    public LoudnessMeter(int sampleRate)
    {
        var (shelfCoefficients, highPassCoefficients) = KWeighting.Create(sampleRate);
        shelf = new StereoBiquad(shelfCoefficients);
        highPass = new StereoBiquad(highPassCoefficients);
        hop = sampleRate / 10;
    }

    public void Add(ReadOnlySpan<float> interleaved)
    {
        var frames = interleaved.Length / 2;
        for (var n = 0; n < frames;)
        {
            var end = Math.Min(frames, n + hop - inHop);
            inHop += end - n;
            var pairs = Avx.IsSupported ? (end - n) / 2 : 0;
            if (pairs > 0)
            {
                FilterPairs(interleaved.Slice(2 * n, 4 * pairs));
                n += 2 * pairs;
            }

            Filter(interleaved[(2 * n)..(2 * end)]);
            n = end;
            if (inHop == hop)
            {
                hopEnergies.Add(current.GetElement(0) + current.GetElement(1));
                current = Vector128<double>.Zero;
                inHop = 0;
            }
        }
    }

    /// <summary>Frame by frame: both channels side by side in one vector.</summary>
    private void Filter(ReadOnlySpan<float> interleaved)
    {
        // Coefficients and state in locals for the loop. The terms that do not depend on the last output are
        // summed first: each stage's critical path per sample is one multiply and one subtraction.
        var (sb0, sb1, sb2, sa1, sa2) = (shelf.B0, shelf.B1, shelf.B2, shelf.A1, shelf.A2);
        var (sx1, sx2, sy1, sy2) = (shelf.X1, shelf.X2, shelf.Y1, shelf.Y2);
        var (ha1, ha2) = (highPass.A1, highPass.A2);
        var (hx1, hx2, hy1, hy2) = (highPass.X1, highPass.X2, highPass.Y1, highPass.Y2);
        var energy = current;
        for (var n = 0; n < interleaved.Length / 2; n++)
        {
            var x = Vector128.Create((double)interleaved[2 * n], interleaved[2 * n + 1]);
            var s = sb0 * x + sb1 * sx1 + sb2 * sx2 - sa2 * sy2 - sa1 * sy1;
            (sx2, sx1, sy2, sy1) = (sx1, x, sy1, s);

            // The high-pass's numerator is 1, −2, 1.
            var h = s - (hx1 + hx1) + hx2 - ha2 * hy2 - ha1 * hy1;
            (hx2, hx1, hy2, hy1) = (hx1, s, hy1, h);
            energy += h * h;
        }

        (shelf.X1, shelf.X2, shelf.Y1, shelf.Y2) = (sx1, sx2, sy1, sy2);
        (highPass.X1, highPass.X2, highPass.Y1, highPass.Y2) = (hx1, hx2, hy1, hy2);
        current = energy;
    }

    /// <summary>
    /// Two frames per step, lanes (left n, left n + 1, right n, right n + 1). Each biquad's second output is
    /// written in terms of the two outputs before the pair (y[n+1] = f[n+1] − a1·f[n] + (a1² − a2)·y[n−1] +
    /// a1·a2·y[n−2], f the feed-forward part), so both come out of one multiply-add on the previous pair: the
    /// recursion's latency is paid once per two frames, and every shuffle stays within 128-bit lanes.
    /// </summary>
    private void FilterPairs(ReadOnlySpan<float> interleaved)
    {
        var (sb0, sb1, sb2) = (Spread(shelf.B0), Spread(shelf.B1), Spread(shelf.B2));
        var (sa1, sa2) = (shelf.A1.ToScalar(), shelf.A2.ToScalar());
        var shelfFeed = Vector256.Create(0.0, sa1, 0.0, sa1);
        var (shelfLast, shelfFirst) = (Vector256.Create(-sa1, sa1 * sa1 - sa2, -sa1, sa1 * sa1 - sa2), Vector256.Create(-sa2, sa1 * sa2, -sa2, sa1 * sa2));
        var (ha1, ha2) = (highPass.A1.ToScalar(), highPass.A2.ToScalar());
        var highFeed = Vector256.Create(0.0, ha1, 0.0, ha1);
        var (highLast, highFirst) = (Vector256.Create(-ha1, ha1 * ha1 - ha2, -ha1, ha1 * ha1 - ha2), Vector256.Create(-ha2, ha1 * ha2, -ha2, ha1 * ha2));

        // The state as the pair before: (n − 2, n − 1) per channel.
        var x = Pair(shelf.X2, shelf.X1);
        var s = Pair(shelf.Y2, shelf.Y1);
        var h = Pair(highPass.Y2, highPass.Y1);
        var energy = Vector256<double>.Zero;
        ref var samples = ref MemoryMarshal.GetReference(interleaved);
        for (var i = 0; i < interleaved.Length; i += 4)
        {
            // (L n, R n, L n+1, R n+1) → (L n, L n+1, R n, R n+1).
            var four = Vector128.LoadUnsafe(ref samples, (nuint)i);
            var input = Vector256.Create(Vector128.WidenLower(four), Vector128.WidenUpper(four));
            input = Avx2.IsSupported ? Avx2.Permute4x64(input, 0b11_01_10_00) : Vector256.Create(input[0], input[2], input[1], input[3]);

            // Inputs one and two frames back, per lane.
            var back1 = Avx.Shuffle(x, input, 0b0101);
            var feed = sb0 * input + sb1 * back1 + sb2 * x;
            feed -= shelfFeed * Avx.Shuffle(Vector256<double>.Zero, feed, 0b0000);
            var shelved = feed + shelfLast * Avx.Permute(s, 0b1111) + shelfFirst * Avx.Permute(s, 0b0000);

            // The high-pass's numerator is 1, −2, 1, on the shelf's output.
            var shelvedBack1 = Avx.Shuffle(s, shelved, 0b0101);
            var highFeedPart = shelved - (shelvedBack1 + shelvedBack1) + s;
            highFeedPart -= highFeed * Avx.Shuffle(Vector256<double>.Zero, highFeedPart, 0b0000);
            var high = highFeedPart + highLast * Avx.Permute(h, 0b1111) + highFirst * Avx.Permute(h, 0b0000);
            energy += high * high;
            (x, s, h) = (input, shelved, high);
        }

        (shelf.X2, shelf.X1) = Unpair(x);
        (shelf.Y2, shelf.Y1) = Unpair(s);
        (highPass.X2, highPass.X1) = Unpair(s);
        (highPass.Y2, highPass.Y1) = Unpair(h);
        current += Vector128.Create(energy[0] + energy[1], energy[2] + energy[3]);
    }

    private static Vector256<double> Spread(Vector128<double> pair) => Vector256.Create(pair[0], pair[0], pair[1], pair[1]);

    /// <summary>(earlier, later), each (left, right) → (left earlier, left later, right earlier, right later).</summary>
    private static Vector256<double> Pair(Vector128<double> earlier, Vector128<double> later) => Vector256.Create(earlier[0], later[0], earlier[1], later[1]);

    private static (Vector128<double> Earlier, Vector128<double> Later) Unpair(Vector256<double> pair) => (Vector128.Create(pair[0], pair[2]), Vector128.Create(pair[1], pair[3]));

    /// <summary>Integrated loudness in LUFS; −∞ (negative infinity) when nothing rises above the absolute gate.</summary>
    public double IntegratedLufs
    {
        get
        {
            var blocks = new List<double>();
            for (var i = 0; i + 4 <= hopEnergies.Count; i++)
            {
                blocks.Add((hopEnergies[i] + hopEnergies[i + 1] + hopEnergies[i + 2] + hopEnergies[i + 3]) / (4.0 * hop));
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
    }

    private static double Loudness(double meanSquare) => -0.691 + 10.0 * Math.Log10(meanSquare);

    public static double Measure(ReadOnlySpan<float> interleaved, int sampleRate)
    {
        var meter = new LoudnessMeter(sampleRate);
        meter.Add(interleaved);
        return meter.IntegratedLufs;
    }
}
