using System.Globalization;
using System.Text;

namespace MusicGen.Core.Storage;

/// <summary>
/// Deterministic blob keys: <c>music/{yyyy-MM-ddTHH-mm-ss-fffZ}_{Sanitized_Name}_{generation-short-id}_{variant}.{ext}</c>,
/// with stems and MIDI beside the audio. The time is the generation's creation time, so every attempt of a
/// job writes the same keys. No user input reaches a key unsanitized.
/// </summary>
public static class StorageKeys
{
    public const string Prefix = "music/";
    private const int MaxNameLength = 60;

    /// <summary>The key of a track's files without extension: what every file of the track starts with.</summary>
    public static string TrackBase(DateTimeOffset createdAt, string name, Guid generationId, int variant) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{createdAt.UtcDateTime:yyyy-MM-ddTHH-mm-ss-fff}Z_{Sanitize(name)}_{ShortId(generationId)}_{variant}");

    /// <summary>
    /// The last 12 hex digits of the id. Generation ids are version-7 GUIDs, whose leading digits are a
    /// timestamp shared by every generation of the same minute; the tail is random, so two generations with
    /// the same name submitted in the same millisecond still get different keys.
    /// </summary>
    public static string ShortId(Guid generationId) => generationId.ToString("N")[^12..];

    public static string Audio(string trackBase, string extension) => $"{trackBase}.{Sanitize(extension)}";

    public static string Stem(string trackBase, string group, string extension) => $"{trackBase}_stem-{Sanitize(group)}.{Sanitize(extension)}";

    public static string Midi(string trackBase) => $"{trackBase}.mid";

    /// <summary>Letters, digits, '_' and '-' only (others become '_'), at most 60 characters, never empty.</summary>
    public static string Sanitize(string value)
    {
        var builder = new StringBuilder(Math.Min(value.Length, MaxNameLength));
        foreach (var c in value.Trim())
        {
            if (builder.Length == MaxNameLength)
            {
                break;
            }

            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }

        return builder.Length == 0 ? "untitled" : builder.ToString();
    }
}
