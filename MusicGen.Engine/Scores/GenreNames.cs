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
}
