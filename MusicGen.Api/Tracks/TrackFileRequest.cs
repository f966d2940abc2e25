using MusicGen.Core.Generations;
using MusicGen.Engine.Encoding;
using MusicGen.Engine.Scores;

namespace MusicGen.Api.Tracks;

/// <summary>
/// One file of a track as a client names it in <c>?format=</c>: an audio format (an extension such as
/// <c>mp3</c>, or an ElevenLabs output format name such as <c>mp3_44100_192</c>), <c>mid</c>, or a stem
/// group (<c>drums</c>, <c>bass</c>, <c>harmony</c>, <c>melody</c>). <see cref="Name"/> is the stored
/// <see cref="TrackFile.Name"/>; <see cref="EngineFormat"/> what the engine renders it in.
/// </summary>
public sealed record TrackFileRequest(TrackFileKind Kind, string Name, string EngineFormat, string Extension, string ContentType)
{
    public const string MidiName = "mid";
    public const string MidiContentType = "audio/midi";

    public static IReadOnlyList<string> StemNames { get; } = [.. Enum.GetValues<StemGroup>().Select(g => g.ToString().ToLowerInvariant())];

    /// <summary>Every value <c>format</c> accepts, for the 400 that lists them.</summary>
    public static IReadOnlyList<string> Allowed { get; } = ["mp3", "wav", "pcm", MidiName, .. StemNames, .. OutputFormat.All.Select(f => f.Name)];

    /// <summary>The generation's own audio file (what the Worker stored): named by its extension.</summary>
    public static TrackFileRequest Primary(Generation generation) => ForFormat(PrimaryFormat(generation), generation);

    public static TrackFileRequest Midi(Generation generation) =>
        new(TrackFileKind.Midi, MidiName, PrimaryFormat(generation).Name, MidiName, MidiContentType);

    /// <summary>A stem, in the generation's format (WAV instead of headerless PCM, so a stem plays on its own).</summary>
    public static TrackFileRequest Stem(Generation generation, StemGroup group)
    {
        var primary = PrimaryFormat(generation);
        var format = primary.Container == AudioContainer.Pcm ? OutputFormat.Parse($"wav_{primary.SampleRate}") : primary;
        return new(TrackFileKind.Stem, group.ToString().ToLowerInvariant(), format.Name, format.FileExtension, format.ContentType);
    }

    /// <summary>What <paramref name="format"/> asks for, or null when it is not something a track can be downloaded as.</summary>
    public static TrackFileRequest? Parse(string? format, Generation generation)
    {
        var text = format?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(text))
        {
            return Primary(generation);
        }

        if (text is MidiName or "midi")
        {
            return Midi(generation);
        }

        if (Enum.TryParse<StemGroup>(text, ignoreCase: true, out var group) && StemNames.Contains(text))
        {
            return Stem(generation, group);
        }

        var wanted = text switch
        {
            "mp3" or "wav" or "pcm" => DefaultFor(text, PrimaryFormat(generation)),
            _ => OutputFormat.All.FirstOrDefault(f => f.Name == text),
        };
        return wanted is null ? null : ForFormat(wanted, generation);
    }

    /// <summary>
    /// An audio format is stored under its extension when it is the format an extension stands for on this
    /// track (the generation's own, or the same rate in another container), and under its full name otherwise,
    /// so <c>mp3</c> and <c>mp3_44100_192</c> never overwrite each other.
    /// </summary>
    private static TrackFileRequest ForFormat(OutputFormat format, Generation generation)
    {
        var isDefault = DefaultFor(format.FileExtension, PrimaryFormat(generation)) == format;
        return new(TrackFileKind.Audio, isDefault ? format.FileExtension : format.Name, format.Name, format.FileExtension, format.ContentType);
    }

    private static OutputFormat DefaultFor(string extension, OutputFormat primary)
    {
        if (primary.FileExtension == extension)
        {
            return primary;
        }

        var candidate = extension == "mp3" ? $"mp3_{primary.SampleRate}_128" : $"{extension}_{primary.SampleRate}";
        return OutputFormat.All.FirstOrDefault(f => f.Name == candidate) ?? OutputFormat.Default;
    }

    /// <summary>The generation's format; providers other than the engine may use names it does not know, then its default.</summary>
    private static OutputFormat PrimaryFormat(Generation generation) =>
        OutputFormat.All.FirstOrDefault(f => string.Equals(f.Name, generation.OutputFormat, StringComparison.OrdinalIgnoreCase)) ?? OutputFormat.Default;
}
