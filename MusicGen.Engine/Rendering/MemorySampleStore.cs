namespace MusicGen.Engine.Rendering;

/// <summary>A <see cref="SampleStore"/> on one array: chunks are views of it, nothing is copied.</summary>
internal sealed class MemorySampleStore : SampleStore
{
    private int written;

    /// <summary>A store of <paramref name="length"/> samples, left unzeroed: <see cref="Append"/> fills it in order before anything reads it.</summary>
    public MemorySampleStore(long length)
        : base(length) => Samples = GC.AllocateUninitializedArray<float>(checked((int)length));

    /// <summary>Wraps samples already there (<see cref="SampleStore.Append"/> is then not needed).</summary>
    public MemorySampleStore(float[] samples)
        : base(samples.Length)
    {
        Samples = samples;
        written = samples.Length;
    }

    public float[] Samples { get; }

    public override void Append(ReadOnlySpan<float> samples)
    {
        samples.CopyTo(Samples.AsSpan(written));
        written += samples.Length;
    }

    public override Span<float> Chunk(long start, int count) => Samples.AsSpan((int)start, count);

    public override void Commit(long start, Span<float> chunk)
    {
    }
}
