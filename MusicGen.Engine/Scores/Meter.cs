namespace MusicGen.Engine.Scores;

/// <summary>A time signature: 4/4, 3/4, 6/8. Beats in a <see cref="Score"/> are quarter notes whatever the meter.</summary>
public readonly record struct Meter(int Numerator, int Denominator)
{
    public static readonly Meter FourFour = new(4, 4);
    public static readonly Meter ThreeFour = new(3, 4);
    public static readonly Meter SixEight = new(6, 8);

    /// <summary>Length of one bar in quarter-note beats (4/4 → 4, 3/4 → 3, 6/8 → 3).</summary>
    public double QuarterBeatsPerBar => Numerator * 4.0 / Denominator;

    public override string ToString() => $"{Numerator}/{Denominator}";
}
