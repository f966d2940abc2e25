using Microsoft.Win32.SafeHandles;

namespace MusicGen.Engine.Rendering;

/// <summary>
/// The temporary files spilled <see cref="FileSampleStore"/>s live in, kept open for the next take once a take is done: a
/// process that renders long song after long song then writes over pages the page cache already holds. A new file per
/// take had the kernel reserve a block and a page for every 4 KB of the song and free them all again on close, some 8 %
/// of a 10-minute render.
/// </summary>
/// <remarks>
/// Files are unlinked as soon as they are open (on Windows, deleted on close), so they go with the process, crash or not.
/// A kept file holds its disk space, at most <see cref="MaxKeptBytes"/> of them in all, and once it sits idle the kernel
/// writes its last take back to disk in the background.
/// </remarks>
/// <param name="directory">Where new files go; the temporary folder (<c>TMPDIR</c>) when null.</param>
internal sealed class SpillFiles(long maxKeptBytes, string? directory = null) : IDisposable
{
    private readonly List<(SafeFileHandle File, long Bytes)> kept = [];
    private long keptBytes;

    /// <summary>The files every spilled take shares: up to 1 GiB kept, enough for a 10-minute take with stems.</summary>
    public static SpillFiles Shared { get; } = new(1L << 30);

    public long MaxKeptBytes { get; } = maxKeptBytes;

    /// <summary>A file of at least <paramref name="bytes"/>: the smallest kept one that is long enough, else a new one.</summary>
    public (SafeFileHandle File, long Bytes) Open(long bytes)
    {
        lock (kept)
        {
            var best = -1;
            for (var i = 0; i < kept.Count; i++)
            {
                if (kept[i].Bytes >= bytes && (best < 0 || kept[i].Bytes < kept[best].Bytes))
                {
                    best = i;
                }
            }

            if (best >= 0)
            {
                var file = kept[best];
                kept.RemoveAt(best);
                keptBytes -= file.Bytes;
                return file;
            }
        }

        var path = Path.Combine(directory ?? Path.GetTempPath(), $"musicgen-{Guid.NewGuid():N}.f32");

        // Reserving the whole size up front fails at once on a full disk rather than in the middle of a render.
        var created = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose, preallocationSize: bytes);
        if (!OperatingSystem.IsWindows())
        {
            File.Delete(path);
        }

        return (created, bytes);
    }

    /// <summary>Keeps a file a take is done with for the next, or closes it when that would keep more than <see cref="MaxKeptBytes"/>.</summary>
    public void Return(SafeFileHandle file, long bytes)
    {
        lock (kept)
        {
            if (keptBytes + bytes <= MaxKeptBytes)
            {
                kept.Add((file, bytes));
                keptBytes += bytes;
                return;
            }
        }

        file.Dispose();
    }

    /// <summary>Closes the kept files.</summary>
    public void Dispose()
    {
        lock (kept)
        {
            foreach (var (file, _) in kept)
            {
                file.Dispose();
            }

            kept.Clear();
            keptBytes = 0;
        }
    }
}
