using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Composition;

/// <summary>
/// The pop and epic "lift": the last chorus (or final climax) and everything after it go up a whole step. Only when
/// the song is long enough to have heard that section before, so the lift is heard as a lift and not as the key.
/// The parts are written in the home key and transposed afterwards, so every writer stays key-agnostic; drums and
/// risers are unpitched and stay as they are. The song's key (analysis, the kit's tuning) remains the home key.
/// </summary>
public sealed record KeyChange(double Beat, Key Key)
{
    public const int Semitones = 2;

    public static KeyChange? Plan(GenreTemplate template, Key home, IReadOnlyList<SongSection> sections, SongTiming timing)
    {
        var role = template.Genre switch
        {
            Genre.Pop => SectionRole.Chorus,
            Genre.Cinematic => SectionRole.Drop,
            _ => (SectionRole?)null,
        };
        if (role is null || sections.Count < 3)
        {
            return null;
        }

        var last = sections.LastOrDefault(s => s.Role == role);
        if (last is null || last.Bars < 8 || last.StartBar == 0
            || !sections.Any(s => s.EndBar <= last.StartBar && s.Role is SectionRole.Chorus or SectionRole.Drop))
        {
            return null;
        }

        return new KeyChange(timing.BarStart(last.StartBar), home with { Tonic = Scales.PitchClass(home.Tonic + Semitones) });
    }

    /// <summary>Notes from the change on, up a whole step (a glide's starting pitch too).</summary>
    public IReadOnlyList<Note> Transpose(IReadOnlyList<Note> notes) => notes
        .Select(n => n.Start >= Beat - 1e-9
            ? n with { Pitch = Math.Clamp(n.Pitch + Semitones, 0, 127), GlideFrom = n.GlideFrom + Semitones }
            : n)
        .ToList();

    public Chord Transpose(PlacedChord chord) => chord.StartBeat >= Beat - 1e-9
        ? new Chord(chord.StartBeat, chord.LengthBeats, chord.Spec.RootPitchClass(Key), chord.Spec.Symbol(Key), chord.Voicing.Select(p => p + Semitones).ToList())
        : new Chord(chord.StartBeat, chord.LengthBeats, chord.RootPitchClass, chord.Symbol, chord.Voicing);
}
