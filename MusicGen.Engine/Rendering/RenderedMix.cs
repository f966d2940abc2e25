using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Rendering;

/// <summary>
/// The pre-master render: interleaved stereo float PCM of the whole song and, when asked for, one
/// interleaved buffer per stem. Summed sample by sample, the stems equal <see cref="Mix"/>.
/// </summary>
public sealed record RenderedMix(int SampleRate, float[] Mix, IReadOnlyDictionary<StemGroup, float[]>? Stems)
{
    public int Frames => Mix.Length / 2;
}
