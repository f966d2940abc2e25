using MusicGen.Engine.Rendering;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Mastering;

/// <summary>
/// Stems get the master's loudness gain (so they line up with the song) but no limiter, scaled down
/// together when needed so that none of them clips.
/// </summary>
public static class StemMaster
{
    public static IEnumerable<(StemGroup Group, float[] Pcm)> Scale(RenderedMix mix, double gainDb)
    {
        if (mix.Stems is null)
        {
            yield break;
        }

        var gain = (float)Math.Pow(10.0, gainDb / 20.0);
        var peak = mix.Stems.Values.Max(s => s.Length == 0 ? 0f : s.Max(MathF.Abs)) * gain;
        var safe = peak > 0.89f ? 0.89f / peak : 1f;
        foreach (var (group, pcm) in mix.Stems.OrderBy(s => s.Key))
        {
            var scaled = new float[pcm.Length];
            for (var i = 0; i < pcm.Length; i++)
            {
                scaled[i] = pcm[i] * gain * safe;
            }

            yield return (group, scaled);
        }
    }
}
