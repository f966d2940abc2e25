using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Effects;

/// <summary>Stereo chorus: two interpolated delay taps (about 12 ms ± 3 ms) swept by quadrature LFOs.</summary>
public sealed class Chorus(float sampleRate, float rateHz = 0.6f, float depthMs = 3f, float mix = 0.5f)
{
    private readonly float[] buffer = new float[(int)(sampleRate * 0.04f) + 4];
    private readonly float centre = sampleRate * 0.012f;
    private readonly float depth = sampleRate * depthMs / 1000f;
    private readonly float increment = rateHz / sampleRate;
    private int write;
    private float lfo;

    /// <summary>Mono in (the part's dry signal in <paramref name="left"/>), stereo out (written to both spans).</summary>
    public void Process(Span<float> left, Span<float> right)
    {
        var size = buffer.Length;
        for (var n = 0; n < left.Length; n++)
        {
            var input = left[n];
            buffer[write] = input;
            var tapL = Read(write - centre - depth * SineTable.Sin(lfo), size);
            var tapR = Read(write - centre - depth * SineTable.Sin(lfo + 0.25f), size);
            left[n] = input * (1f - mix * 0.5f) + tapL * mix;
            right[n] = input * (1f - mix * 0.5f) + tapR * mix;
            lfo += increment;
            if (lfo >= 1f)
            {
                lfo -= 1f;
            }

            if (++write == size)
            {
                write = 0;
            }
        }
    }

    private float Read(float position, int size)
    {
        if (position < 0)
        {
            position += size;
        }

        var i = (int)position;
        var frac = position - i;
        i = i >= size ? i - size : i;
        var next = i + 1 == size ? 0 : i + 1;
        var a = buffer[i];
        var b = buffer[next];
        return a + (b - a) * frac;
    }
}
