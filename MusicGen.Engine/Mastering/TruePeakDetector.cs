namespace MusicGen.Engine.Mastering;

/// <summary>
/// BS.1770-4 Annex 2 true-peak estimate for one channel: 4× polyphase FIR interpolation (48 taps);
/// returns the largest magnitude among the sample and its three interpolated neighbours.
/// </summary>
public sealed class TruePeakDetector
{
    internal const int Taps = 12;

    internal static readonly float[] Phase0 =
    [
        0.0017089843750f, 0.0109863281250f, -0.0196533203125f, 0.0332031250000f, -0.0594482421875f, 0.1373291015625f,
        0.9721679687500f, -0.1022949218750f, 0.0476074218750f, -0.0266113281250f, 0.0148925781250f, -0.0083007812500f,
    ];

    internal static readonly float[] Phase1 =
    [
        -0.0291748046875f, 0.0292968750000f, -0.0517578125000f, 0.0891113281250f, -0.1665039062500f, 0.4650878906250f,
        0.7797851562500f, -0.2003173828125f, 0.1015625000000f, -0.0582275390625f, 0.0330810546875f, -0.0189208984375f,
    ];

    internal static readonly float[] Phase2 = Phase1.Reverse().ToArray();
    internal static readonly float[] Phase3 = Phase0.Reverse().ToArray();

    /// <summary>
    /// No interpolated point can exceed the window's sample peak times this (the largest sum of absolute
    /// taps of a phase, 2.023, rounded up for float rounding): a window whose peak times it stays under a
    /// threshold cannot reach it, so its FIR need not run.
    /// </summary>
    public const float InterpolationBound = 2.05f;

    private readonly float[] history = new float[Taps * 2];
    private int position;

    /// <summary>Pushes one sample and returns the peak magnitude of the interpolated points around it.</summary>
    public float Next(float sample)
    {
        history[position] = sample;
        history[position + Taps] = sample;
        position = position + 1 == Taps ? 0 : position + 1;
        float p0 = 0, p1 = 0, p2 = 0, p3 = 0;
        for (var j = 0; j < Taps; j++)
        {
            var x = history[position + Taps - 1 - j];
            // Fused multiply-adds, as the vectorised BlockTruePeak does them (one rounding per tap).
            p0 = MathF.FusedMultiplyAdd(Phase0[j], x, p0);
            p1 = MathF.FusedMultiplyAdd(Phase1[j], x, p1);
            p2 = MathF.FusedMultiplyAdd(Phase2[j], x, p2);
            p3 = MathF.FusedMultiplyAdd(Phase3[j], x, p3);
        }

        return Math.Max(Math.Max(Math.Abs(p0), Math.Abs(p1)), Math.Max(Math.Max(Math.Abs(p2), Math.Abs(p3)), Math.Abs(sample)));
    }

    /// <summary>True peak of interleaved stereo in dBTP.</summary>
    public static double MeasureDbtp(ReadOnlySpan<float> interleaved)
    {
        var meter = new TruePeakMeter();
        meter.Add(interleaved);
        return meter.Finish();
    }
}
