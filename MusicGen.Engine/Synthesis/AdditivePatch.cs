namespace MusicGen.Engine.Synthesis;

/// <summary>
/// Partials of an additive voice: ratio to the fundamental, level, and decay time (seconds to −60 dB; 0 = sustained).
/// <see cref="Inharmonicity"/> stretches partial n by √(1 + B·n²) as in a piano string.
/// </summary>
public sealed record AdditivePatch(float[] Ratios, float[] Levels, float[] Decays, float Attack, float Release)
{
    public float Inharmonicity { get; init; }
    public float HammerNoise { get; init; }
    public float VelocityBrightness { get; init; } = 0.5f;
    public float DecayKeyScaling { get; init; } = 0.5f;
    public float Level { get; init; } = 1f;
    public float VibratoHz { get; init; }
    public float VibratoDepth { get; init; }

    /// <summary>Points per cycle of <see cref="Waveform"/>.</summary>
    internal const int WaveformSize = 2048;

    private readonly float[]?[] waveforms = new float[]?[Ratios.Length + 1];

    /// <summary>
    /// The sum of the first <paramref name="partials"/> sustained partials over two periods of the fundamental
    /// (every ratio is a multiple of ½), normalised to the sum of their levels, as one cycle of
    /// <see cref="WaveformSize"/> points plus two wrapped ones for interpolation. Built once per partial count
    /// and shared by every voice of the patch.
    /// </summary>
    internal float[] Waveform(int partials)
    {
        // Two threads may both build it; they build the same table, and either one may stay.
        return waveforms[partials] ??= Build();

        float[] Build()
        {
            var table = new float[WaveformSize + 2];
            var total = Levels.Take(partials).Sum();
            for (var n = 0; n < table.Length; n++)
            {
                var phase = n / (double)WaveformSize;
                var sum = 0.0;
                for (var i = 0; i < partials; i++)
                {
                    sum += Levels[i] * Math.Sin(2 * Math.PI * ((2 * Ratios[i] * phase) + (i * 0.13f)));
                }

                table[n] = (float)(sum / Math.Max(total, 1e-3f));
            }

            return table;
        }
    }
}
