namespace MusicGen.Engine.Composition;

/// <summary>Role of a section in the form; it decides which layers play and which motif the melody uses.</summary>
public enum SectionRole
{
    Intro,
    Verse,
    PreChorus,
    Chorus,
    Bridge,
    Build,
    Drop,
    Breakdown,
    Solo,
    Outro,
}
