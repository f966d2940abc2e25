namespace MusicGen.Engine.Composition;

/// <summary>The comping figure a genre plays on its chords (see <see cref="CompWriter"/>).</summary>
public enum CompStyle
{
    Sustain,
    LazyRhodes,
    Block,
    PowerChords,
    OffbeatStabs,
    TechnoStab,
    JazzComp,
    Alberti,
    FunkChops,
    Ostinato,
}
