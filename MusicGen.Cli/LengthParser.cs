using System.Globalization;
using System.Text.RegularExpressions;

namespace MusicGen.Cli;

/// <summary>Reads "45s", "2m", "1m30s", "1:30" or a bare number of seconds.</summary>
public static partial class LengthParser
{
    public static double Parse(string text)
    {
        var value = text.Trim().ToLowerInvariant();
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds;
        }

        var clock = ClockPattern().Match(value);
        if (clock.Success)
        {
            return int.Parse(clock.Groups[1].Value, CultureInfo.InvariantCulture) * 60 + double.Parse(clock.Groups[2].Value, CultureInfo.InvariantCulture);
        }

        var units = UnitPattern().Match(value);
        if (units.Success && units.Length > 0)
        {
            var minutes = units.Groups[1].Success ? double.Parse(units.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            var rest = units.Groups[2].Success ? double.Parse(units.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
            return minutes * 60 + rest;
        }

        throw new ArgumentException($"Cannot read the length '{text}': use e.g. 45s, 2m, 1m30s or 1:30 (3 s to 10 min).", nameof(text));
    }

    [GeneratedRegex(@"^(\d+):(\d+(?:\.\d+)?)$")]
    private static partial Regex ClockPattern();

    [GeneratedRegex(@"^(?:(\d+(?:\.\d+)?)\s*(?:m|min|mins|minutes?))?\s*(?:(\d+(?:\.\d+)?)\s*(?:s|sec|secs|seconds?))?$")]
    private static partial Regex UnitPattern();
}
