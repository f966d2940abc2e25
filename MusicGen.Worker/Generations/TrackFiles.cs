using MusicGen.Core.Generations;
using MusicGen.Core.Providers;
using MusicGen.Core.Storage;

namespace MusicGen.Worker.Generations;

/// <summary>The blobs of a generation's tracks, under deterministic keys, so every attempt writes (and a cancel deletes) the same ones.</summary>
public static class TrackFiles
{
    public const string MidiContentType = "audio/midi";

    public static string TrackBase(Generation generation, int variant) => StorageKeys.TrackBase(generation.CreatedAt, generation.Name, generation.Id, variant);

    /// <summary>Every key this Worker may have written for the generation, whatever attempt got how far.</summary>
    public static IEnumerable<string> AllKeys(Generation generation, string audioExtension)
    {
        for (var variant = 0; variant < generation.Variations; variant++)
        {
            var trackBase = TrackBase(generation, variant);
            yield return StorageKeys.Audio(trackBase, audioExtension);
            yield return StorageKeys.Midi(trackBase);
        }
    }

    public static string AudioExtensionOf(string outputFormat) => outputFormat.Split('_')[0] switch
    {
        "mp3" => "mp3",
        "wav" => "wav",
        _ => "pcm",
    };

    public static IReadOnlyDictionary<string, string> Metadata(Generation generation, ProvidedTrack track, string kind) => new Dictionary<string, string>
    {
        ["generation-id"] = generation.Id.ToString(),
        ["variant"] = track.Variant.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["kind"] = kind,
        ["format"] = generation.OutputFormat,
        ["provider"] = generation.Provider,
    };
}
