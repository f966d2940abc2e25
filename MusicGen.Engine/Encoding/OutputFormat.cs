namespace MusicGen.Engine.Encoding;

/// <summary>
/// An output format named as in ElevenLabs' <c>output_format</c> list: <c>mp3_{rate}_{kbps}</c>,
/// <c>pcm_{rate}</c> (raw 16-bit little-endian stereo), plus <c>wav_{rate}</c> (16-bit) and
/// <c>wav_{rate}_24</c> (24-bit) files.
/// </summary>
public sealed record OutputFormat(string Name, AudioContainer Container, int SampleRate, int BitrateKbps, int BitsPerSample)
{
    private static readonly int[] PcmRates = [16000, 22050, 24000, 32000, 44100, 48000];

    public static readonly OutputFormat Default = new("mp3_44100_128", AudioContainer.Mp3, 44100, 128, 16);

    public static IReadOnlyList<OutputFormat> All { get; } =
    [
        new("mp3_22050_32", AudioContainer.Mp3, 22050, 32, 16),
        new("mp3_24000_48", AudioContainer.Mp3, 24000, 48, 16),
        new("mp3_44100_32", AudioContainer.Mp3, 44100, 32, 16),
        new("mp3_44100_64", AudioContainer.Mp3, 44100, 64, 16),
        new("mp3_44100_96", AudioContainer.Mp3, 44100, 96, 16),
        Default,
        new("mp3_44100_192", AudioContainer.Mp3, 44100, 192, 16),
        new("mp3_48000_96", AudioContainer.Mp3, 48000, 96, 16),
        new("mp3_48000_128", AudioContainer.Mp3, 48000, 128, 16),
        new("mp3_48000_192", AudioContainer.Mp3, 48000, 192, 16),
        new("mp3_48000_320", AudioContainer.Mp3, 48000, 320, 16),
        .. PcmRates.Select(r => new OutputFormat($"pcm_{r}", AudioContainer.Pcm, r, 0, 16)),
        .. PcmRates.Select(r => new OutputFormat($"wav_{r}", AudioContainer.Wav, r, 0, 16)),
        .. PcmRates.Select(r => new OutputFormat($"wav_{r}_24", AudioContainer.Wav, r, 0, 24)),
    ];

    public string FileExtension => Container switch
    {
        AudioContainer.Mp3 => "mp3",
        AudioContainer.Wav => "wav",
        _ => "pcm",
    };

    public string ContentType => Container switch
    {
        AudioContainer.Mp3 => "audio/mpeg",
        AudioContainer.Wav => "audio/wav",
        _ => "audio/L16",
    };

    public static OutputFormat Parse(string? name)
    {
        var match = All.FirstOrDefault(f => string.Equals(f.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
        return match ?? throw new ArgumentException(
            $"Unknown output format '{name}'. Allowed: {string.Join(", ", All.Select(f => f.Name))}.",
            nameof(name));
    }

    public override string ToString() => Name;
}
