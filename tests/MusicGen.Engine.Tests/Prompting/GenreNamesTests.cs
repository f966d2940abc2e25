using MusicGen.Engine.Prompting;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Tests.Prompting;

public sealed class GenreNamesTests
{
    [Fact]
    public void EveryGenreHasItsOwnIdAndParsesBackFromIdDisplayNameAndEnumName()
    {
        GenreNames.Ids.Distinct().Count().ShouldBe(Enum.GetValues<Genre>().Length);
        foreach (var genre in Enum.GetValues<Genre>())
        {
            GenreNames.Parse(GenreNames.Id(genre)).ShouldBe(genre);
            GenreNames.Parse(GenreNames.Display(genre).ToUpperInvariant()).ShouldBe(genre);
            GenreNames.Parse(genre.ToString()).ShouldBe(genre);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("polka")]
    [InlineData("5")]
    public void UnknownTextIsNoGenre(string? text) => GenreNames.Parse(text).ShouldBeNull();

    // The Web's genre presets are filtered by these ids: each preset prompt must read as its own genre.
    [Theory]
    [InlineData("melancholic lo-fi hip-hop, 80 bpm, rhodes, vinyl crackle, rain", "lofi")]
    [InlineData("hard trap beat, 140 bpm, 808 sub bass, rolling hi-hats", "hiphop")]
    [InlineData("liquid drum and bass, 174 bpm, reese bass, airy pads", "dnb")]
    [InlineData("gentle classical piano piece, romantic, rubato", "piano")]
    [InlineData("dark driving techno, 132 bpm, rumbling kick, hypnotic", "techno")]
    [InlineData("uplifting deep house, 124 bpm, piano stabs, warm bass", "house")]
    [InlineData("bright summer pop, 118 bpm, catchy synth hook", "pop")]
    [InlineData("energetic indie rock, 140 bpm, distorted guitars, big drums", "rock")]
    [InlineData("euphoric trance, 138 bpm, supersaw lead, big breakdown", "trance")]
    [InlineData("retro synthwave, 100 bpm, neon night drive, gated drums", "synthwave")]
    [InlineData("calm ambient soundscape, slow evolving pads, no drums", "ambient")]
    [InlineData("epic cinematic orchestral, strings and brass, building to a climax", "cinematic")]
    [InlineData("smoky late-night jazz trio, upright bass, brushed drums, piano", "jazz")]
    [InlineData("tight funk groove, 105 bpm, slap bass, clean guitar, brass hits", "funk")]
    public void PresetPromptsReadAsTheirGenreId(string prompt, string id) =>
        GenreNames.Id(PromptParser.Parse(prompt).Genre).ShouldBe(id);
}
