using System.Reflection;
using System.Runtime.InteropServices;

namespace MusicGen.Engine.Encoding;

/// <summary>
/// The few libmp3lame entry points we use. The library is resolved at run time by its per-platform
/// names (Debian ships only <c>libmp3lame.so.0</c> without the -dev package).
/// </summary>
internal static partial class LameNative
{
    private const string Library = "mp3lame";
    private static readonly string[] Candidates = ["libmp3lame.so.0", "libmp3lame.so", "libmp3lame.0.dylib", "libmp3lame.dylib", "libmp3lame.dll", "lame_enc.dll"];
    private static readonly Lazy<bool> Available = new(Probe);

    static LameNative() => NativeLibrary.SetDllImportResolver(typeof(LameNative).Assembly, Resolve);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Library)
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in Candidates)
        {
            if (NativeLibrary.TryLoad(candidate, assembly, path, out var handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }

    private static bool Probe()
    {
        foreach (var candidate in Candidates)
        {
            if (NativeLibrary.TryLoad(candidate, typeof(LameNative).Assembly, null, out _))
            {
                return true;
            }
        }

        return false;
    }

    public static void EnsureAvailable()
    {
        if (!Available.Value)
        {
            throw new DllNotFoundException(
                "MP3 encoding needs the LAME library (libmp3lame.so.0), which was not found. Install the Debian package libmp3lame0 (apt-get install libmp3lame0), or choose a pcm_* or wav_* output format.");
        }
    }

    [LibraryImport(Library, EntryPoint = "lame_init")]
    public static partial IntPtr Init();

    [LibraryImport(Library, EntryPoint = "lame_set_in_samplerate")]
    public static partial int SetInSampleRate(IntPtr gfp, int rate);

    [LibraryImport(Library, EntryPoint = "lame_set_out_samplerate")]
    public static partial int SetOutSampleRate(IntPtr gfp, int rate);

    [LibraryImport(Library, EntryPoint = "lame_set_num_channels")]
    public static partial int SetChannels(IntPtr gfp, int channels);

    [LibraryImport(Library, EntryPoint = "lame_set_brate")]
    public static partial int SetBitrate(IntPtr gfp, int kbps);

    [LibraryImport(Library, EntryPoint = "lame_set_quality")]
    public static partial int SetQuality(IntPtr gfp, int quality);

    [LibraryImport(Library, EntryPoint = "lame_set_mode")]
    public static partial int SetMode(IntPtr gfp, int mode);

    [LibraryImport(Library, EntryPoint = "lame_set_bWriteVbrTag")]
    public static partial int SetWriteVbrTag(IntPtr gfp, int write);

    [LibraryImport(Library, EntryPoint = "lame_init_params")]
    public static partial int InitParams(IntPtr gfp);

    [LibraryImport(Library, EntryPoint = "lame_encode_buffer_interleaved_ieee_float")]
    public static unsafe partial int EncodeInterleavedFloat(IntPtr gfp, float* pcm, int frames, byte* mp3, int mp3Size);

    [LibraryImport(Library, EntryPoint = "lame_encode_flush")]
    public static unsafe partial int Flush(IntPtr gfp, byte* mp3, int size);

    [LibraryImport(Library, EntryPoint = "lame_get_lametag_frame")]
    public static unsafe partial nuint GetLameTagFrame(IntPtr gfp, byte* buffer, nuint size);

    [LibraryImport(Library, EntryPoint = "lame_close")]
    public static partial int Close(IntPtr gfp);
}
