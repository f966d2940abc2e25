using System.Globalization;
using MusicGen.Contracts.Generations;

namespace MusicGen.Web.Components.Shared;

/// <summary>How the site writes durations and picks files.</summary>
public static class Formats
{
    public static string Duration(int milliseconds) => Clock(milliseconds / 1000.0);

    public static string Clock(double seconds)
    {
        var total = (int)Math.Round(seconds);
        return string.Create(CultureInfo.InvariantCulture, $"{total / 60}:{total % 60:00}");
    }

    /// <summary>The audio file a browser plays best: MP3 first, then whatever audio exists.</summary>
    public static string? PlayableFormat(TrackResponse track)
    {
        var audio = track.Files.Where(f => f.Kind == "Audio").Select(f => f.Name).ToList();
        return audio.FirstOrDefault(n => n.StartsWith("mp3", StringComparison.OrdinalIgnoreCase)) ?? audio.FirstOrDefault();
    }

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MB"),
    };

    public static string When(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
