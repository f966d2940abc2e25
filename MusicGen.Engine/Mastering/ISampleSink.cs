namespace MusicGen.Engine.Mastering;

/// <summary>Takes a song's mastered interleaved samples block by block, in order.</summary>
internal interface ISampleSink
{
    void Write(ReadOnlySpan<float> interleaved);
}
