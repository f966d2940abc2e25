namespace MusicGen.Engine.Scores;

public static class GenreNames
{
    /// <summary>The name people use for the genre ("lo-fi hip-hop", "drum & bass").</summary>
    public static string Display(Genre genre) => genre switch
    {
        Genre.LofiHipHop => "lo-fi hip-hop",
        Genre.HipHop => "hip-hop",
        Genre.Pop => "pop",
        Genre.Rock => "rock",
        Genre.House => "house",
        Genre.Techno => "techno",
        Genre.Trance => "trance",
        Genre.DrumAndBass => "drum & bass",
        Genre.Synthwave => "synthwave",
        Genre.Ambient => "ambient",
        Genre.Cinematic => "cinematic",
        Genre.Jazz => "jazz",
        Genre.ClassicalPiano => "classical piano",
        Genre.Funk => "funk",
        _ => genre.ToString(),
    };

    /// <summary>The genre's short, stable id for URLs and storage (<c>lofi</c>, <c>dnb</c>): what <c>?genre=</c> filters on.</summary>
    public static string Id(Genre genre) => genre switch
    {
        Genre.LofiHipHop => "lofi",
        Genre.HipHop => "hiphop",
        Genre.DrumAndBass => "dnb",
        Genre.ClassicalPiano => "piano",
        _ => genre.ToString().ToLowerInvariant(),
    };

    /// <summary>Every id <see cref="Id"/> gives, in the enum's order.</summary>
    public static IReadOnlyList<string> Ids { get; } = [.. Enum.GetValues<Genre>().Select(Id)];

    /// <summary>A genre from its id, its display name or its enum name, in any case; null when none matches.</summary>
    public static Genre? Parse(string? text)
    {
        var wanted = text?.Trim();
        if (string.IsNullOrEmpty(wanted))
        {
            return null;
        }

        foreach (var genre in Enum.GetValues<Genre>())
        {
            if (string.Equals(wanted, Id(genre), StringComparison.OrdinalIgnoreCase)
                || string.Equals(wanted, Display(genre), StringComparison.OrdinalIgnoreCase)
                || string.Equals(wanted, genre.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return genre;
            }
        }

        return null;
    }
}
