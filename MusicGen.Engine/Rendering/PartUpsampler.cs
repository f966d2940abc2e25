namespace MusicGen.Engine.Rendering;

/// <summary>
/// Brings a part whose voices play at a half or a quarter of the song's rate up to the song's rate: one
/// <see cref="HalfRateUpsampler"/> per octave, in series, each stage's output aligned with its input.
/// </summary>
/// <remarks>
/// Each stage lags its input by <see cref="HalfRateUpsampler.LeadFrames"/> frames; the voices run ahead by all the
/// stages' lags (<see cref="Lead"/>, in frames at the voices' rate), and each stage drops its lag's outputs on the first
/// block, so the second stage is fed a stream already aligned and its own lead. From a quarter of 44.1 kHz the two
/// stages are flat to 4 kHz, where the voices that play there (ambient's pads, under their drifting low-pass) have
/// next to nothing left.
/// </remarks>
internal sealed class PartUpsampler
{
    private readonly HalfRateUpsampler[] stages;
    private float[] between;

    /// <param name="octaves">1: the voices play at half the song's rate; 2: at a quarter.</param>
    /// <param name="blockFrames">The longest block at the song's rate.</param>
    public PartUpsampler(int octaves, int blockFrames)
    {
        if (octaves is not (1 or 2))
        {
            throw new ArgumentOutOfRangeException(nameof(octaves), octaves, "A part plays at a half or a quarter of the song's rate.");
        }

        stages = octaves == 1 ? [new HalfRateUpsampler()] : [new HalfRateUpsampler(), new HalfRateUpsampler()];
        between = octaves == 1 ? [] : new float[(blockFrames / 2) + 1 + HalfRateUpsampler.LeadFrames];

        // The first stage's lag at its own rate, plus the second's, which counts half as many frames at the voices' rate.
        Lead = octaves == 1 ? HalfRateUpsampler.LeadFrames : HalfRateUpsampler.LeadFrames + (HalfRateUpsampler.LeadFrames / 2);
    }

    /// <summary>Frames at the voices' rate by which the voices run ahead on the first block.</summary>
    public int Lead { get; }

    /// <summary>Every stage's history holds only zeros: a block of zeros in gives zeros out.</summary>
    public bool IsQuiet => Array.TrueForAll(stages, s => s.IsQuiet);

    /// <summary>
    /// Upsamples a block of the voices' rate (on the <paramref name="first"/> block, <see cref="Lead"/> frames longer)
    /// into <paramref name="output"/>; outputs beyond its length (a song's ragged last frames) are dropped.
    /// </summary>
    public void Process(ReadOnlySpan<float> input, Span<float> output, bool first)
    {
        var skip = first ? 2 * HalfRateUpsampler.LeadFrames : 0;
        if (stages.Length == 1)
        {
            stages[0].Process(input, output, skip);
            return;
        }

        var length = (2 * input.Length) - skip;
        if (between.Length < length)
        {
            between = new float[length];
        }

        var middle = between.AsSpan(0, length);
        stages[0].Process(input, middle, skip);
        stages[1].Process(middle, output, skip);
    }
}
