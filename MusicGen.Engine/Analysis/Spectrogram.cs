namespace MusicGen.Engine.Analysis;

/// <summary>Magnitude spectra of Hann-windowed frames of the mono-summed signal.</summary>
internal static class Spectrogram
{
    public static IEnumerable<float[]> Frames(ReadOnlyMemory<float> interleaved, int frameSize, int hop)
    {
        var window = new float[frameSize];
        for (var i = 0; i < frameSize; i++)
        {
            window[i] = 0.5f - 0.5f * MathF.Cos(2f * MathF.PI * i / frameSize);
        }

        var frames = interleaved.Length / 2;
        var re = new float[frameSize];
        var im = new float[frameSize];
        for (var start = 0; start + frameSize <= frames; start += hop)
        {
            var pcm = interleaved.Span;
            for (var i = 0; i < frameSize; i++)
            {
                var k = 2 * (start + i);
                re[i] = (pcm[k] + pcm[k + 1]) * 0.5f * window[i];
                im[i] = 0;
            }

            Fft.Forward(re, im);
            var magnitude = new float[frameSize / 2];
            for (var i = 0; i < magnitude.Length; i++)
            {
                magnitude[i] = MathF.Sqrt(re[i] * re[i] + im[i] * im[i]);
            }

            yield return magnitude;
        }
    }
}
