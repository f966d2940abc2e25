namespace MusicGen.Engine.Encoding;

/// <summary>
/// Constant-bitrate joint-stereo MP3 through libmp3lame. Quality 7 (LAME's "fast, ok quality")
/// is about a third faster than 5 and transparent enough at 128 kbps and up; the LAME/Info tag is rewritten after the flush so players know the exact length.
/// </summary>
public static class Mp3Encoder
{
    private const int JointStereo = 1;
    private const int Quality = 7;
    private const int ChunkFrames = 8192;

    public static unsafe byte[] Encode(ReadOnlySpan<float> interleaved, int sampleRate, int bitrateKbps, CancellationToken cancellationToken = default)
    {
        LameNative.EnsureAvailable();
        var gfp = LameNative.Init();
        if (gfp == IntPtr.Zero)
        {
            throw new InvalidOperationException("lame_init failed.");
        }

        try
        {
            LameNative.SetInSampleRate(gfp, sampleRate);
            LameNative.SetOutSampleRate(gfp, sampleRate);
            LameNative.SetChannels(gfp, 2);
            LameNative.SetBitrate(gfp, bitrateKbps);
            LameNative.SetQuality(gfp, Quality);
            LameNative.SetMode(gfp, JointStereo);
            LameNative.SetWriteVbrTag(gfp, 1);
            if (LameNative.InitParams(gfp) < 0)
            {
                throw new ArgumentException($"LAME rejected {sampleRate} Hz at {bitrateKbps} kbps.", nameof(bitrateKbps));
            }

            var frames = interleaved.Length / 2;
            using var output = new MemoryStream(Math.Max(16384, (int)((long)frames * bitrateKbps * 125 / sampleRate) + 16384));
            var buffer = new byte[(int)(1.25 * ChunkFrames) + 7200];
            fixed (float* pcm = interleaved)
            fixed (byte* mp3 = buffer)
            {
                for (var start = 0; start < frames; start += ChunkFrames)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var count = Math.Min(ChunkFrames, frames - start);
                    var written = LameNative.EncodeInterleavedFloat(gfp, pcm + 2 * start, count, mp3, buffer.Length);
                    if (written < 0)
                    {
                        throw new InvalidOperationException($"lame_encode_buffer_interleaved_ieee_float failed with code {written}.");
                    }

                    output.Write(buffer, 0, written);
                }

                var flushed = LameNative.Flush(gfp, mp3, buffer.Length);
                if (flushed > 0)
                {
                    output.Write(buffer, 0, flushed);
                }

                var tagSize = (int)LameNative.GetLameTagFrame(gfp, mp3, (nuint)buffer.Length);
                var result = output.ToArray();
                if (tagSize > 0 && tagSize <= result.Length)
                {
                    buffer.AsSpan(0, tagSize).CopyTo(result);
                }

                return result;
            }
        }
        finally
        {
            LameNative.Close(gfp);
        }
    }
}
