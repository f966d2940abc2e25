using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Rendering;

/// <summary>
/// One rendered block, valid until the next: the interleaved pre-master mix and, when stems were asked
/// for, each stem (indexed by <see cref="StemGroup"/>); summed sample by sample, the stems equal the mix.
/// </summary>
internal sealed class MixBlock(int maxFrames, bool stems)
{
    private readonly float[] mix = new float[2 * maxFrames];
    private readonly float[][]? stemSamples = stems ? Enum.GetValues<StemGroup>().Select(_ => new float[2 * maxFrames]).ToArray() : null;

    /// <summary>The block's first frame in the song.</summary>
    public long Start { get; set; }

    public int Frames { get; set; }

    public bool HasStems => stemSamples is not null;

    /// <summary>Where the mix goes instead of the block's own buffer (<see cref="Place"/>); empty: the block's own.</summary>
    private ArraySegment<float> placed;

    public Span<float> Mix => placed.Array is null ? mix.AsSpan(0, 2 * Frames) : placed.AsSpan(0, 2 * Frames);

    /// <summary>Renders this block's mix straight into <paramref name="samples"/> (e.g. the take's store), sparing a copy.</summary>
    public void Place(ArraySegment<float> samples) => placed = samples;

    public Span<float> Stem(StemGroup group) => stemSamples is null
        ? throw new InvalidOperationException("This render keeps no stems.")
        : stemSamples[(int)group].AsSpan(0, 2 * Frames);
}
