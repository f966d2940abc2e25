using MusicGen.Engine.Mastering;

namespace MusicGen.Engine.Encoding;

/// <summary>
/// Constant-bitrate joint-stereo MP3 through libmp3lame, fed in blocks of any size. Quality 7 (LAME's
/// "fast, ok quality") is about a third faster than 5 and transparent enough at 128 kbps and up; the
/// LAME/Info tag is rewritten after the flush so players know the exact length.
/// </summary>
/// <remarks>
/// LAME gets the song in chunks of <see cref="ChunkFrames"/> counted from the first frame, however the
/// song is fed, so the file is the same whether the song arrives whole or block by block.
/// </remarks>
internal sealed class Mp3Writer : AudioWriter
{
    private const int JointStereo = 1;
    private const int Quality = 7;
    private const int ChunkFrames = 8192;

    private readonly IntPtr gfp;
    private readonly MemoryStream output;
    private readonly byte[] buffer = new byte[(int)(1.25 * ChunkFrames) + 7200];
    private readonly FixedChunks chunks = new(2 * ChunkFrames);
    private readonly FixedChunks.ChunkAction encode;
    private readonly CancellationToken cancellationToken;
    private bool closed;

    public Mp3Writer(int sampleRate, int bitrateKbps, long frames, CancellationToken cancellationToken)
    {
        LameNative.EnsureAvailable();
        this.cancellationToken = cancellationToken;
        encode = Encode;
        gfp = LameNative.Init();
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
        }
        catch
        {
            Close();
            throw;
        }

        output = new MemoryStream((int)Math.Min(int.MaxValue / 2, Math.Max(16384, frames * bitrateKbps * 125 / sampleRate + 16384)));
    }

    public override void Write(ReadOnlySpan<float> interleaved)
    {
        ObjectDisposedException.ThrowIf(closed, this);
        chunks.Write(interleaved, encode);
    }

    public override unsafe byte[] Finish()
    {
        ObjectDisposedException.ThrowIf(closed, this);
        chunks.Flush(encode);

        fixed (byte* mp3 = buffer)
        {
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

            Close();
            return result;
        }
    }

    protected override void Dispose(bool disposing)
    {
        Close();
        output.Dispose();
    }

    private unsafe void Encode(ReadOnlySpan<float> interleaved)
    {
        cancellationToken.ThrowIfCancellationRequested();
        fixed (float* pcm = interleaved)
        fixed (byte* mp3 = buffer)
        {
            var written = LameNative.EncodeInterleavedFloat(gfp, pcm, interleaved.Length / 2, mp3, buffer.Length);
            if (written < 0)
            {
                throw new InvalidOperationException($"lame_encode_buffer_interleaved_ieee_float failed with code {written}.");
            }

            output.Write(buffer, 0, written);
        }
    }

    private void Close()
    {
        if (!closed)
        {
            closed = true;
            LameNative.Close(gfp);
        }
    }
}
