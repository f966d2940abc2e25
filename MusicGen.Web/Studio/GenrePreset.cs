namespace MusicGen.Web.Studio;

/// <summary>
/// A one-click starting point on the create page. <see cref="Keywords"/> are the words by which the library
/// recognises a generation's genre in its prompt or plan (the engine reads the same words).
/// </summary>
public sealed record GenrePreset(string Id, string Label, string Prompt, int LengthSeconds, string[] Keywords)
{
    public static readonly IReadOnlyList<GenrePreset> All =
    [
        new("lofi", "Lo-fi", "melancholic lo-fi hip-hop, 80 bpm, rhodes, vinyl crackle, rain", 60, ["lo-fi", "lofi", "lo fi"]),
        new("house", "House", "uplifting deep house, 124 bpm, piano stabs, warm bass", 90, ["house"]),
        new("techno", "Techno", "dark driving techno, 132 bpm, rumbling kick, hypnotic", 90, ["techno"]),
        new("pop", "Pop", "bright summer pop, 118 bpm, catchy synth hook", 90, ["pop"]),
        new("rock", "Rock", "energetic indie rock, 140 bpm, distorted guitars, big drums", 90, ["rock"]),
        new("hiphop", "Hip-hop", "hard trap beat, 140 bpm, 808 sub bass, rolling hi-hats", 60, ["hip-hop", "hip hop", "hiphop", "trap", "boom bap"]),
        new("dnb", "Drum & bass", "liquid drum and bass, 174 bpm, reese bass, airy pads", 90, ["drum and bass", "drum & bass", "dnb", "jungle"]),
        new("trance", "Trance", "euphoric trance, 138 bpm, supersaw lead, big breakdown", 120, ["trance"]),
        new("synthwave", "Synthwave", "retro synthwave, 100 bpm, neon night drive, gated drums", 90, ["synthwave", "retrowave", "outrun"]),
        new("ambient", "Ambient", "calm ambient soundscape, slow evolving pads, no drums", 120, ["ambient"]),
        new("cinematic", "Cinematic", "epic cinematic orchestral, strings and brass, building to a climax", 90, ["cinematic", "orchestral", "epic", "film score"]),
        new("jazz", "Jazz", "smoky late-night jazz trio, upright bass, brushed drums, piano", 90, ["jazz", "swing", "bebop"]),
        new("piano", "Classical piano", "gentle classical piano piece, romantic, rubato", 60, ["classical", "piano solo"]),
        new("funk", "Funk", "tight funk groove, 105 bpm, slap bass, clean guitar, brass hits", 60, ["funk", "disco"]),
    ];

    public static GenrePreset? Find(string? id) => All.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether <paramref name="text"/> (a prompt or a plan's styles) names this genre.</summary>
    public bool Matches(string? text) => text is not null && Keywords.Any(k => text.Contains(k, StringComparison.OrdinalIgnoreCase));
}
