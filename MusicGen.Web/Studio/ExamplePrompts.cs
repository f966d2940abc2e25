namespace MusicGen.Web.Studio;

public static class ExamplePrompts
{
    public static readonly IReadOnlyList<string> All =
    [
        "melancholic lo-fi piano, 80 bpm, rain",
        "sunrise deep house with soft vocal chops, 122 bpm",
        "tense cinematic chase, pounding drums, low brass",
        "cozy jazz café, brushed drums, walking bass",
    ];
}
