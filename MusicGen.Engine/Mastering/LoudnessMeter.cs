using System.Runtime.Intrinsics;

namespace MusicGen.Engine.Mastering;

/// <summary>
/// BS.1770-4 / EBU R128 integrated loudness of interleaved stereo: K-weighted mean square in 400 ms
/// blocks with 75 % overlap, absolute gate −70 LUFS, relative gate −10 LU. Feed it in any block sizes.
/// The two channels are filtered side by side in one vector (<see cref="StereoBiquad"/>).
/// </summary>
public sealed class LoudnessMeter
{
    private readonly int hop;
    private readonly List<double> hopEnergies = [];
    private StereoBiquad shelf, highPass;
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
        // Both channels side by side in one vector; coefficients and state in locals for the loop. The terms
        // that do not depend on the last output are summed first: each stage's critical path per sample is one
        // multiply and one subtraction.
        var (sb0, sb1, sb2, sa1, sa2) = (shelf.B0, shelf.B1, shelf.B2, shelf.A1, shelf.A2);
        var (sx1, sx2, sy1, sy2) = (shelf.X1, shelf.X2, shelf.Y1, shelf.Y2);
        var (ha1, ha2) = (highPass.A1, highPass.A2);
        var (hx1, hx2, hy1, hy2) = (highPass.X1, highPass.X2, highPass.Y1, highPass.Y2);
        var energy = current;
        var frames = interleaved.Length / 2;
        for (var n = 0; n < frames;)
        {
            var end = Math.Min(frames, n + hop - inHop);
            inHop += end - n;
            for (; n < end; n++)
            {
                var x = Vector128.Create((double)interleaved[2 * n], interleaved[2 * n + 1]);
                var s = sb0 * x + sb1 * sx1 + sb2 * sx2 - sa2 * sy2 - sa1 * sy1;
                (sx2, sx1, sy2, sy1) = (sx1, x, sy1, s);

                // The high-pass's numerator is 1, −2, 1.
                var h = s - (hx1 + hx1) + hx2 - ha2 * hy2 - ha1 * hy1;
                (hx2, hx1, hy2, hy1) = (hx1, s, hy1, h);
                energy += h * h;
            }

            if (inHop == hop)
            {
                hopEnergies.Add(energy.GetElement(0) + energy.GetElement(1));
                energy = Vector128<double>.Zero;
                inHop = 0;
            }
        }

        (shelf.X1, shelf.X2, shelf.Y1, shelf.Y2) = (sx1, sx2, sy1, sy2);
        (highPass.X1, highPass.X2, highPass.Y1, highPass.Y2) = (hx1, hx2, hy1, hy2);
        current = energy;
    }

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
