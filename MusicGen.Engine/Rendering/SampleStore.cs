namespace MusicGen.Engine.Rendering;

/// <summary>
/// A take's song-long interleaved float samples between the render and the master: written once in
/// order, then read (and rewritten) chunk by chunk, in order, by the master's passes. Short songs stay
/// in memory; long ones go to a temporary file, so a 10-minute take does not hold 212 MB of heap.
/// </summary>
internal abstract class SampleStore(long length) : IDisposable
{
    /// <summary>Samples per chunk: 16,384 stereo frames (128 KB), a multiple of every block size the master's processors use.</summary>
    public const int ChunkSamples = 2 * 16384;

    /// <summary>Above this many bytes of a take's buffers (the mix, and with stems four more), they go to temporary files.</summary>
    public const long MemoryLimitBytes = 32L << 20;

    public long Length { get; } = length;

    /// <summary>Whether buffers of <paramref name="totalBytes"/> would go to temporary files.</summary>
    public static bool Spills(long totalBytes) => totalBytes > MemoryLimitBytes;

    public static SampleStore Create(long length, bool spill) => spill ? new FileSampleStore(length) : new MemorySampleStore(length);

    /// <summary>Adds samples after the ones written so far.</summary>
    public abstract void Append(ReadOnlySpan<float> samples);

    /// <summary>
    /// The place of the next <paramref name="count"/> samples (at most <see cref="ChunkSamples"/>), for the caller to fill
    /// before it calls anything else on the store: a renderer writes there directly instead of appending a copy.
    /// </summary>
    public abstract ArraySegment<float> Reserve(int count);

    /// <summary>
    /// The samples from <paramref name="start"/> on (at most <see cref="ChunkSamples"/>). Valid until the
    /// next call; changes to it are kept only after <see cref="Commit"/>.
    /// </summary>
    public abstract Span<float> Chunk(long start, int count);

    /// <summary>Keeps the changes made to the chunk <see cref="Chunk"/> returned for <paramref name="start"/>.</summary>
    public abstract void Commit(long start, Span<float> chunk);

    public virtual void Dispose()
    {
    }

    /// <summary>Chunk count from <paramref name="start"/>: <see cref="ChunkSamples"/> but the last.</summary>
    public int ChunkLength(long start) => (int)Math.Min(ChunkSamples, Length - start);
}
