using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Composition;

/// <summary>
/// A chord named by a roman numeral in the song's mode: "ii7", "V7", "bVII", "IVmaj7", "i9", "Isus2".
/// Case gives the third (upper major, lower minor); a leading b/# alters the major-scale degree.
/// </summary>
public sealed record ChordSpec(string Numeral, int RootOffset, IReadOnlyList<int> Intervals, string Quality, ChordFunction Function)
{
    private static readonly string[] Romans = ["VII", "III", "VI", "IV", "II", "V", "I"];

    public int RootPitchClass(Key key) => Scales.PitchClass(key.Tonic + RootOffset);

    /// <summary>Chord name spelled for the key: flats in flat keys ("Gb" in F minor), sharps otherwise.</summary>
    public string Symbol(Key key)
    {
        string[] flats = ["C", "Db", "D", "Eb", "E", "F", "Gb", "G", "Ab", "A", "Bb", "B"];
        string[] sharps = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];
        var useFlats = Midi.MidiWriter.KeySignature(key).Sharps < 0;
        return (useFlats ? flats : sharps)[RootPitchClass(key)] + Quality;
    }

    public bool IsTonic => RootOffset == 0;

    public static ChordSpec Parse(string numeral, Mode mode)
    {
        var text = numeral.Trim();
        var accidental = 0;
        if (text.StartsWith('b'))
        {
            accidental = -1;
            text = text[1..];
        }
        else if (text.StartsWith('#'))
        {
            accidental = 1;
            text = text[1..];
        }

        var roman = Romans.FirstOrDefault(r => text.StartsWith(r, StringComparison.OrdinalIgnoreCase))
            ?? throw new FormatException($"'{numeral}' is not a roman numeral chord.");
        var written = text[..roman.Length];
        var suffix = text[roman.Length..];
        var minor = char.IsLower(written[0]);
        var degree = roman switch
        {
            "I" => 1, "II" => 2, "III" => 3, "IV" => 4, "V" => 5, "VI" => 6, _ => 7,
        };
        var useMajorScale = accidental != 0 || mode is Mode.Lydian or Mode.Mixolydian;
        var root = (useMajorScale ? Scales.MajorSteps : Scales.Steps(mode))[degree - 1] + accidental;
        var (intervals, quality) = suffix switch
        {
            "7" => minor ? (new[] { 0, 3, 7, 10 }, "m7") : ([0, 4, 7, 10], "7"),
            "maj7" => ([0, 4, 7, 11], "maj7"),
            "9" => minor ? ([0, 3, 7, 10, 14], "m9") : ([0, 4, 7, 10, 14], "9"),
            "sus2" => ([0, 2, 7], "sus2"),
            "sus4" => ([0, 5, 7], "sus4"),
            "°" or "dim" => ([0, 3, 6], "dim"),
            "ø" or "m7b5" => ([0, 3, 6, 10], "m7b5"),
            "6" => minor ? ([0, 3, 7, 9], "m6") : ([0, 4, 7, 9], "6"),
            "add9" => minor ? ([0, 3, 7, 14], "madd9") : ([0, 4, 7, 14], "add9"),
            _ => minor ? ([0, 3, 7], "m") : ([0, 4, 7], ""),
        };
        var function = (((root % 12) + 12) % 12) switch
        {
            0 or 3 or 4 or 8 or 9 => ChordFunction.Tonic,
            2 or 5 => ChordFunction.PreDominant,
            _ => ChordFunction.Dominant,
        };
        return new ChordSpec(numeral, ((root % 12) + 12) % 12, intervals, quality, function);
    }
}
