using MusicGen.Engine.Analysis;
using MusicGen.Engine.Encoding;
using MusicGen.Engine.Mastering;

namespace MusicGen.Engine;

/// <summary>
/// Where the limiter's output goes, block by block: the encoder, the loudness and true-peak meters, the
/// waveform overview and, only when asked, a copy of the PCM. Nothing song-long is kept otherwise.
/// </summary>
internal sealed class MasteredOutput(AudioWriter writer, int sampleRate, long frames, bool keepPcm) : ISampleSink
{
    // Unzeroed: every frame of the song is written to it in order.
    private readonly float[] pcm = keepPcm ? GC.AllocateUninitializedArray<float>(checked((int)(2 * frames))) : [];
    private int written;

    public LoudnessMeter Loudness { get; } = new(sampleRate);

    public TruePeakMeter TruePeak { get; } = new();

    public WaveformPeakMeter Waveform { get; } = new(frames);

    /// <summary>The mastered PCM when it was to be kept; empty otherwise.</summary>
    public float[] Pcm => pcm;

    public void Write(ReadOnlySpan<float> interleaved)
    {
        writer.Write(interleaved);
        Loudness.Add(interleaved);
        TruePeak.Add(interleaved);
        Waveform.Add(interleaved);
        if (pcm.Length > 0)
        {
            interleaved.CopyTo(pcm.AsSpan(written));
            written += interleaved.Length;
        }
    }
}
