namespace MusicGen.Engine.Mastering;

/// <summary>
/// BS.1770-4 / EBU R128 integrated loudness of interleaved stereo: K-weighted mean square in 400 ms
/// blocks with 75 % overlap, absolute gate −70 LUFS, relative gate −10 LU. Feed it in any block sizes.
/// </summary>
public sealed class LoudnessMeter
{
    private readonly Biquad[] shelves = new Biquad[2];
    private readonly Biquad[] highPasses = new Biquad[2];
    private readonly int hop;
    private readonly List<double> hopEnergies = [];
    private double current;
    private int inHop;

    public LoudnessMeter(int sampleRate)
    {
        for (var c = 0; c < 2; c++)
        {
            (shelves[c], highPasses[c]) = KWeighting.Create(sampleRate);
        }

        hop = sampleRate / 10;
    }

    public void Add(ReadOnlySpan<float> interleaved)
    {
        // Filter state in locals for the loop (struct array elements would be reloaded every sample).
        var shelfLeft = shelves[0];
        var shelfRight = shelves[1];
        var highPassLeft = highPasses[0];
        var highPassRight = highPasses[1];
        for (var i = 0; i + 1 < interleaved.Length; i += 2)
        {
            var l = highPassLeft.Process(shelfLeft.Process(interleaved[i]));
            var r = highPassRight.Process(shelfRight.Process(interleaved[i + 1]));
            current += l * l + r * r;
            if (++inHop == hop)
            {
                hopEnergies.Add(current);
                current = 0;
                inHop = 0;
            }
        }

        shelves[0] = shelfLeft;
        shelves[1] = shelfRight;
        highPasses[0] = highPassLeft;
        highPasses[1] = highPassRight;
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
