using MusicGen.Engine.Encoding;
using MusicGen.Engine.Rendering;

namespace MusicGen.Engine.Mastering;

/// <summary>
/// Stems get the master's loudness gain (so they line up with the song) but no limiter, scaled down
/// together when needed so that none of them clips.
/// </summary>
internal static class StemMaster
{
    /// <summary>The factor that keeps the loudest stem sample (<paramref name="stemPeak"/> before gain) under −1 dBFS.</summary>
    public static float SafeScale(float stemPeak, float gain)
    {
        var peak = stemPeak * gain;
        return peak > 0.89f ? 0.89f / peak : 1f;
    }

    /// <summary>Writes the stem scaled by <paramref name="gain"/> × <paramref name="safe"/> to <paramref name="output"/>, chunk by chunk.</summary>
    public static void Write(SampleStore stem, float gain, float safe, AudioWriter output, CancellationToken cancellationToken)
    {
        var scaled = new float[SampleStore.ChunkSamples];
        for (long start = 0; start < stem.Length; start += SampleStore.ChunkSamples)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = stem.Chunk(start, stem.ChunkLength(start));
            for (var i = 0; i < chunk.Length; i++)
            {
                scaled[i] = chunk[i] * gain * safe;
            }

            output.Write(scaled.AsSpan(0, chunk.Length));
        }
    }
}
