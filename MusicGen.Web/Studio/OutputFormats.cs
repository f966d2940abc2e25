namespace MusicGen.Web.Studio;

/// <summary>The API's output formats, with names a person reads.</summary>
public static class OutputFormats
{
    public const string Default = "mp3_44100_128";

    public static readonly IReadOnlyList<(string Value, string Label)> All =
    [
        ("mp3_44100_128", "MP3, 128 kbps (recommended)"),
        ("mp3_44100_192", "MP3, 192 kbps (higher quality)"),
        ("mp3_44100_96", "MP3, 96 kbps"),
        ("mp3_44100_64", "MP3, 64 kbps"),
        ("mp3_44100_32", "MP3, 32 kbps (smallest)"),
        ("mp3_22050_32", "MP3, 32 kbps, 22 kHz"),
        ("wav_44100", "WAV, 44.1 kHz (lossless)"),
        ("pcm_44100", "Raw PCM, 44.1 kHz"),
    ];
}
