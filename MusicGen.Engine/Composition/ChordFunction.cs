namespace MusicGen.Engine.Composition;

/// <summary>Harmonic function: tonic, pre-dominant, dominant (the states of the functional progression chain).</summary>
public enum ChordFunction
{
    Tonic,
    PreDominant,
    Dominant,
}
