using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Composition;

/// <summary>
/// Swing (off-beat 8ths or 16ths pushed late) and 1/f timing drift: listeners prefer long-range-correlated
/// deviations of ~10 ms to white jitter (Hennig et al. 2011). Notes sounding together drift together.
/// Quantised genres (template drift 0) only get swing.
/// </summary>
public static class Humanizer
{
    public static List<Note> Apply(IReadOnlyList<Note> notes, GenreTemplate template, double bpm, double musicEnd, Rng rng)
    {
        var pink = new PinkNoise(rng);
        var secondsPerBeat = 60.0 / bpm;
        var driftBeats = template.TimingDriftMs / 1000.0 / secondsPerBeat;
        var offsets = new Dictionary<double, double>();
        var result = new List<Note>(notes.Count);
        foreach (var note in notes.OrderBy(n => n.Start))
        {
            var start = Swing(note.Start, template);
            var end = Swing(note.Start + note.Duration, template);
            if (driftBeats > 0)
            {
                var key = Math.Round(note.Start, 3);
                if (!offsets.TryGetValue(key, out var offset))
                {
                    offset = pink.Next() * driftBeats;
                    offsets[key] = offset;
                }

                start += offset;
                end += offset;
            }

            start = Math.Max(0, start);
            end = Math.Min(end, musicEnd);
            if (start >= musicEnd - 1e-6 || end - start < 0.01)
            {
                continue;
            }

            result.Add(note with { Start = start, Duration = end - start });
        }

        return result;
    }

    /// <summary>Maps a straight position to its swung one: within each 8th pair (or 16th pair) the second moves to <c>Swing</c> of the pair.</summary>
    private static double Swing(double beat, GenreTemplate template)
    {
        if (template.Swing <= 0.5)
        {
            return beat;
        }

        var unit = template.SwingSixteenths ? 0.5 : 1.0;
        var cell = Math.Floor(beat / unit);
        var position = (beat - (cell * unit)) / unit;
        var swung = position <= 0.5
            ? position / 0.5 * template.Swing
            : template.Swing + ((position - 0.5) / 0.5 * (1 - template.Swing));
        return (cell + swung) * unit;
    }

    /// <summary>Voss–McCartney 1/f noise in roughly [-1, 1].</summary>
    private sealed class PinkNoise(Rng rng)
    {
        private readonly double[] rows = new double[8];
        private int counter;

        public double Next()
        {
            counter++;
            for (var i = 0; i < rows.Length; i++)
            {
                if ((counter & (1 << i)) != 0)
                {
                    rows[i] = rng.Range(-1, 1);
                    break;
                }
            }

            return rows.Sum() / Math.Sqrt(rows.Length) * 0.9;
        }
    }
}
