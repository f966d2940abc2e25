namespace MusicGen.Web.Studio;

/// <summary>
/// A one-click starting point on the create page, and the library's genre filter: <see cref="Id"/> is the
/// API's genre id (what <c>GET /api/v1/generations?genre=</c> takes), and each prompt names its genre.
/// </summary>
public sealed record GenrePreset(string Id, string Label, string Prompt, int LengthSeconds)
{
    public static readonly IReadOnlyList<GenrePreset> All =
    [
        new("lofi", "Lo-fi", "melancholic lo-fi hip-hop, 80 bpm, rhodes, vinyl crackle, rain", 60),
        new("house", "House", "uplifting deep house, 124 bpm, piano stabs, warm bass", 90),
        new("techno", "Techno", "dark driving techno, 132 bpm, rumbling kick, hypnotic", 90),
        new("pop", "Pop", "bright summer pop, 118 bpm, catchy synth hook", 90),
        new("rock", "Rock", "energetic indie rock, 140 bpm, distorted guitars, big drums", 90),
        new("hiphop", "Hip-hop", "hard trap beat, 140 bpm, 808 sub bass, rolling hi-hats", 60),
        new("dnb", "Drum & bass", "liquid drum and bass, 174 bpm, reese bass, airy pads", 90),
        new("trance", "Trance", "euphoric trance, 138 bpm, supersaw lead, big breakdown", 120),
        new("synthwave", "Synthwave", "retro synthwave, 100 bpm, neon night drive, gated drums", 90),
        new("ambient", "Ambient", "calm ambient soundscape, slow evolving pads, no drums", 120),
        new("cinematic", "Cinematic", "epic cinematic orchestral, strings and brass, building to a climax", 90),
        new("jazz", "Jazz", "smoky late-night jazz trio, upright bass, brushed drums, piano", 90),
        new("piano", "Classical piano", "gentle classical piano piece, romantic, rubato", 60),
        new("funk", "Funk", "tight funk groove, 105 bpm, slap bass, clean guitar, brass hits", 60),
    ];

    public static GenrePreset? Find(string? id) => All.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));
}
