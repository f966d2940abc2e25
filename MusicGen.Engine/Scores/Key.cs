namespace MusicGen.Engine.Scores;

public enum Mode
{
    Major,
    Minor,
    Dorian,
    Phrygian,
    Lydian,
    Mixolydian,
}

/// <summary>A key: tonic as a pitch class (0 = C … 11 = B) and a mode.</summary>
public readonly record struct Key(int Tonic, Mode Mode)
{
    private static readonly string[] Names = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"];

    /// <summary>True for the modes whose third is minor (they share the minor key signature family).</summary>
    public bool IsMinor => Mode is Mode.Minor or Mode.Dorian or Mode.Phrygian;

    public override string ToString() => $"{Names[((Tonic % 12) + 12) % 12]} {Mode.ToString().ToLowerInvariant()}";
}
