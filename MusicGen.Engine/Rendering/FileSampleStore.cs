using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace MusicGen.Engine.Rendering;

/// <summary>
/// A <see cref="SampleStore"/> in a temporary file from <see cref="SpillFiles"/>: the process holds one chunk at a time,
/// and the file's pages live in the page cache, not the heap.
/// </summary>
internal sealed class FileSampleStore : SampleStore
{
    private readonly SpillFiles files;
    private readonly SafeFileHandle file;
    private readonly long fileBytes;
    private readonly float[] buffer = new float[ChunkSamples];
    private int buffered;
    private long flushed;
    private bool disposed;

    /// <param name="files">Where the file comes from and goes back to; <see cref="SpillFiles.Shared"/> when null.</param>
    public FileSampleStore(long length, SpillFiles? files = null)
        : base(length)
    {
        this.files = files ?? SpillFiles.Shared;
        (file, fileBytes) = this.files.Open(length * sizeof(float));
    }

    public override void Append(ReadOnlySpan<float> samples)
    {
        while (!samples.IsEmpty)
        {
            if (buffered == buffer.Length)
            {
                Flush();
            }

            var count = Math.Min(samples.Length, buffer.Length - buffered);
            samples[..count].CopyTo(buffer.AsSpan(buffered));
            buffered += count;
            samples = samples[count..];
            if (buffered == buffer.Length)
            {
                Flush();
            }
        }
    }

    /// <remarks>The buffer goes to the file when the next call finds it too full, by which time the caller has filled it.</remarks>
    public override ArraySegment<float> Reserve(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, buffer.Length);
        if (buffered + count > buffer.Length)
        {
            Flush();
        }

        var segment = new ArraySegment<float>(buffer, buffered, count);
        buffered += count;
        return segment;
    }

    public override Span<float> Chunk(long start, int count)
    {
        Flush();
        var chunk = buffer.AsSpan(0, count);
        var bytes = MemoryMarshal.AsBytes(chunk);
        var offset = start * sizeof(float);
        while (!bytes.IsEmpty)
        {
            var read = RandomAccess.Read(file, bytes, offset);
            if (read == 0)
            {
                throw new EndOfStreamException($"The temporary sample file ends before sample {offset / sizeof(float)}.");
            }

            bytes = bytes[read..];
            offset += read;
        }

        return chunk;
    }

    public override void Commit(long start, Span<float> chunk) => RandomAccess.Write(file, MemoryMarshal.AsBytes(chunk), start * sizeof(float));

    public override void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            files.Return(file, fileBytes);
        }
    }

    private void Flush()
    {
        if (buffered > 0)
        {
            RandomAccess.Write(file, MemoryMarshal.AsBytes(buffer.AsSpan(0, buffered)), flushed * sizeof(float));
            flushed += buffered;
            buffered = 0;
        }
    }
}
