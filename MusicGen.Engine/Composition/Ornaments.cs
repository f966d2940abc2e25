using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Composition;

/// <summary>
/// A classical right hand's ornaments, as a player of the period adds them. The theme is heard plain first; its varied
/// repeat and its return decorate it: a mordent (main note, the scale step above, main note) on some long notes, and a
/// grace note from the step beyond on some strong-beat notes reached by a leap. And the piece closes on a cadential trill:
/// over the dominant, the supertonic trilled with the step above it, turned through the tonic below, into the final tonic.
/// </summary>
/// <remarks>
/// Ornament notes move at about eleven a second, the nearest whole division of the beat (eighths of a beat at 60–100 BPM,
/// sixths above), and the main note always falls on the beat, so the downbeats keep their chord tones.
/// </remarks>
public static class Ornaments
{
    /// <summary>Ornament notes per second a player's trill runs at.</summary>
    public const double NotesPerSecond = 11;

    private const double MordentChance = 0.3;
    private const double GraceChance = 0.35;

    /// <summary>Smallest leap (semitones) a grace note leans into.</summary>
    private const int GraceLeap = 4;

    /// <summary>Divisions of the beat an ornament's notes take at <paramref name="bpm"/>.</summary>
    public static int Division(double bpm) => Math.Clamp((int)Math.Round(NotesPerSecond * 60 / bpm), 4, 8);

    /// <summary>Decorates the notes of the sections after the first statement of the theme that return to it.</summary>
    public static void Decorate(PartBuilder part, SongContext song, Rng rng)
    {
        var first = song.Sections.FirstOrDefault();
        if (first is null)
        {
            return;
        }

        var sub = 1.0 / Division(song.Brief.Bpm);
        var finalBarStart = song.Timing.BarStart(song.Bars - 1);
        foreach (var section in song.Sections.Skip(1).Where(s => s.Name.StartsWith(first.Name, StringComparison.Ordinal) && s.Role != SectionRole.Outro))
        {
            var start = song.Timing.BarStart(section.StartBar);
            var end = Math.Min(song.Timing.BarStart(section.EndBar), finalBarStart);
            var notes = part.Notes.Where(n => n.Start >= start - 1e-9 && n.Start < end - 1e-9).OrderBy(n => n.Start).ToList();
            if (notes.Count == 0)
            {
                continue;
            }

            part.Clear(start, end);
            for (var i = 0; i < notes.Count; i++)
            {
                var note = notes[i];
                var next = i + 1 < notes.Count ? notes[i + 1].Start : end;
                var onBeat = Math.Abs(note.Start - Math.Round(note.Start)) < 1e-6;
                var leap = i > 0 ? note.Pitch - notes[i - 1].Pitch : 0;

                // A grace note before the beat, from the step beyond the leap's goal; the note before gives up the time.
                if (onBeat && Math.Abs(leap) >= GraceLeap && note.Start - sub > notes[i - 1].Start + sub && rng.Chance(GraceChance))
                {
                    part.Clear(note.Start - sub, note.Start);
                    part.Add(note.Start - sub, sub * 0.8, Neighbour(song.Key, note.Pitch, Math.Sign(leap)), note.Velocity * 0.8);
                }

                // A mordent on a long note that is not the last of its phrase.
                if (note.Duration >= 0.9 && next - note.Start > 4 * sub && i + 1 < notes.Count && rng.Chance(MordentChance))
                {
                    part.Add(note.Start, sub * 0.9, note.Pitch, note.Velocity);
                    part.Add(note.Start + sub, sub * 0.9, Neighbour(song.Key, note.Pitch, 1), note.Velocity * 0.85);
                    part.Add(note.Start + (2 * sub), note.Duration - (2 * sub), note.Pitch, note.Velocity * 0.9);
                    continue;
                }

                part.Add(note.Start, note.Duration, note.Pitch, note.Velocity);
            }
        }
    }

    /// <summary>
    /// Writes the cadential trill into the end of the bar before <paramref name="finalBeat"/> and returns it: the
    /// supertonic over <paramref name="finalPitch"/> trilled with the step above, then the tonic below and the supertonic
    /// again, leading into the final note. Replaces what the melody had there. Two beats long (a dotted quarter in 6/8).
    /// </summary>
    public static void CadentialTrill(PartBuilder part, SongContext song, double finalBeat, int finalPitch)
    {
        var beats = song.Brief.Meter == Meter.SixEight ? 1.5 : 2.0;
        var start = finalBeat - beats;
        if (start <= 0)
        {
            return;
        }

        var division = Division(song.Brief.Bpm);
        var sub = 1.0 / division;
        var count = (int)Math.Round(beats * division);
        var main = Neighbour(song.Key, finalPitch, 1);
        var upper = Neighbour(song.Key, main, 1);
        part.Clear(start, finalBeat);
        for (var k = 0; k < count; k++)
        {
            // Main and upper note in turn, then the turn's lower note (the tonic) and the main note to close it.
            var pitch = k == count - 2 ? finalPitch : k == count - 1 || k % 2 == 0 ? main : upper;
            var velocity = (k % 2 == 0 ? 78 : 68) + (6.0 * k / count);
            part.Add(start + (k * sub), sub * 0.95, pitch, velocity);
        }
    }

    /// <summary>The nearest pitch of the key's scale above (<paramref name="direction"/> 1) or below (−1) <paramref name="pitch"/>.</summary>
    public static int Neighbour(Key key, int pitch, int direction)
    {
        var steps = Scales.Steps(key.Mode);
        for (var candidate = pitch + direction; ; candidate += direction)
        {
            if (steps.Contains(Scales.PitchClass(candidate - key.Tonic)))
            {
                return candidate;
            }
        }
    }
}
