using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Composition;

/// <summary>
/// A planned change of key over part of the song. Two kinds:
/// <list type="bullet">
/// <item>the pop and epic "lift": the last chorus (or final climax) and everything after it go up a whole step. Only when
/// the song is long enough to have heard that section before, so the lift is heard as a lift and not as the key;</item>
/// <item>a classical piece's middle section (the B of A A' B A nearest the middle of the piece) in the dominant key,
/// returning home for the reprise. Only when an A comes before and after it, so the return is heard as a return.</item>
/// </list>
/// The parts are written in the home key and transposed afterwards, so every writer stays key-agnostic; drums and
/// risers keep their notes. The song's key (analysis) remains the home key; the renderer tunes the kit's pitched drums
/// to the key sounding (<c>NoteContext.KeyTonic</c>).
/// </summary>
public sealed record KeyChange(double Beat, Key Key, int Semitones)
{
    /// <summary>Where the home key returns; infinity: never.</summary>
    public double EndBeat { get; init; } = double.PositiveInfinity;

    public static KeyChange? Plan(GenreTemplate template, Key home, IReadOnlyList<SongSection> sections, SongTiming timing) => template.Genre switch
    {
        Genre.Pop => Lift(home, sections, timing, SectionRole.Chorus),
        Genre.Cinematic => Lift(home, sections, timing, SectionRole.Drop),
        Genre.ClassicalPiano => ToTheDominant(home, sections, timing),
        _ => null,
    };

    private static KeyChange? Lift(Key home, IReadOnlyList<SongSection> sections, SongTiming timing, SectionRole role)
    {
        const int wholeStep = 2;
        var last = sections.LastOrDefault(s => s.Role == role);
        if (sections.Count < 3 || last is null || last.Bars < 8 || last.StartBar == 0
            || !sections.Any(s => s.EndBar <= last.StartBar && s.Role is SectionRole.Chorus or SectionRole.Drop))
        {
            return null;
        }

        return new KeyChange(timing.BarStart(last.StartBar), home with { Tonic = Scales.PitchClass(home.Tonic + wholeStep) }, wholeStep);
    }

    /// <summary>
    /// The middle section a fourth lower, i.e. in the dominant key (major or minor as at home): the nearest key, one
    /// accidental away, and a fourth down keeps the piano in its register where a fifth up would climb.
    /// </summary>
    private static KeyChange? ToTheDominant(Key home, IReadOnlyList<SongSection> sections, SongTiming timing)
    {
        const int downAFourth = -5;
        var centre = sections.Count == 0 ? 0 : sections[^1].EndBar / 2.0;
        var middle = sections
            .Where(b => b.Role == SectionRole.Bridge && b.Bars >= 4 && b.StartBar > 0
                && sections.Any(s => s.StartBar >= b.EndBar && s.Role != SectionRole.Outro))
            .MinBy(b => Math.Abs(b.StartBar + (b.Bars / 2.0) - centre));
        if (middle is null)
        {
            return null;
        }

        return new KeyChange(timing.BarStart(middle.StartBar), home with { Tonic = Scales.PitchClass(home.Tonic + 7) }, downAFourth)
        {
            EndBeat = timing.BarStart(middle.EndBar),
        };
    }

    /// <summary>Whether a note or chord starting at <paramref name="beat"/> is in the changed key.</summary>
    public bool Covers(double beat) => beat >= Beat - 1e-9 && beat < EndBeat - 1e-9;

    /// <summary>
    /// Notes within the change, transposed (a glide's starting pitch too). A change downwards goes up an octave
    /// further instead for a part it would take under <paramref name="floor"/> (a piano's left hand already low),
    /// as long as that keeps the part under <paramref name="ceiling"/>: the same key, in the part's register.
    /// </summary>
    public IReadOnlyList<Note> Transpose(IReadOnlyList<Note> notes, int floor = 0, int ceiling = 127)
    {
        var covered = notes.Where(n => Covers(n.Start)).ToList();
        var shift = Semitones;
        if (shift < 0 && covered.Count > 0 && covered.Min(n => n.Pitch) + shift < floor && covered.Max(n => n.Pitch) + shift + 12 <= ceiling)
        {
            shift += 12;
        }

        return notes
            .Select(n => Covers(n.Start)
                ? n with { Pitch = Math.Clamp(n.Pitch + shift, 0, 127), GlideFrom = n.GlideFrom + shift }
                : n)
            .ToList();
    }

    public Chord Transpose(PlacedChord chord) => Covers(chord.StartBeat)
        ? new Chord(chord.StartBeat, chord.LengthBeats, chord.Spec.RootPitchClass(Key), chord.Spec.Symbol(Key), chord.Voicing.Select(p => p + Semitones).ToList())
        : new Chord(chord.StartBeat, chord.LengthBeats, chord.RootPitchClass, chord.Symbol, chord.Voicing);
}
