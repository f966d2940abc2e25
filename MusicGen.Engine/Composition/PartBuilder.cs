using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Composition;

/// <summary>Collects one part's notes; clamps pitch and velocity so every note is a valid MIDI note.</summary>
public sealed class PartBuilder(string name, Instrument instrument, StemGroup stem)
{
    private readonly List<Note> notes = [];

    public string Name => name;
    public Instrument Instrument => instrument;
    public StemGroup Stem => stem;
    public int Count => notes.Count;

    public void Add(double start, double duration, int pitch, double velocity)
    {
        if (duration <= 1e-6 || start < -1e-9)
        {
            return;
        }

        notes.Add(new Note(Math.Max(0, start), duration, Math.Clamp(pitch, 0, 127), Math.Clamp((int)Math.Round(velocity), 1, 127)));
    }

    /// <summary>A note that slides into its pitch from <paramref name="glideFrom"/> over <paramref name="glideSeconds"/>.</summary>
    public void AddGlide(double start, double duration, int pitch, double velocity, int glideFrom, double glideSeconds)
    {
        Add(start, duration, pitch, velocity);
        if (notes.Count > 0 && notes[^1].Start == Math.Max(0, start) && glideFrom != notes[^1].Pitch)
        {
            notes[^1] = notes[^1] with { GlideFrom = Math.Clamp(glideFrom, 0, 127), GlideSeconds = glideSeconds };
        }
    }

    /// <summary>A note that swells in over its whole length (<see cref="Note.Swell"/>).</summary>
    public void AddSwell(double start, double duration, int pitch, double velocity)
    {
        Add(start, duration, pitch, velocity);
        if (notes.Count > 0 && notes[^1].Start == Math.Max(0, start))
        {
            notes[^1] = notes[^1] with { Swell = true };
        }
    }

    /// <summary>A drum hit with the kit tuned to <paramref name="kitTonic"/> (see <see cref="Note.KitTonic"/>).</summary>
    public void AddTuned(double start, double duration, int pitch, double velocity, int kitTonic)
    {
        Add(start, duration, pitch, velocity);
        if (notes.Count > 0 && notes[^1].Start == Math.Max(0, start))
        {
            notes[^1] = notes[^1] with { KitTonic = kitTonic };
        }
    }

    /// <summary>A hi-hat hit tuned by <paramref name="semitones"/> (see <see cref="Note.HatTune"/>).</summary>
    public void AddTunedHat(double start, double duration, int pitch, double velocity, int semitones)
    {
        Add(start, duration, pitch, velocity);
        if (notes.Count > 0 && notes[^1].Start == Math.Max(0, start))
        {
            notes[^1] = notes[^1] with { HatTune = semitones };
        }
    }

    public IReadOnlyList<Note> Notes => notes;

    /// <summary>
    /// Plays the stroke at <paramref name="start"/> on <paramref name="pitch"/> at least at <paramref name="velocity"/>:
    /// a note already there is played harder, else one is added.
    /// </summary>
    public void Accent(double start, double duration, int pitch, double velocity)
    {
        var at = notes.FindIndex(n => n.Pitch == pitch && Math.Abs(n.Start - start) < 1e-6);
        if (at < 0)
        {
            Add(start, duration, pitch, velocity);
            return;
        }

        notes[at] = notes[at] with { Velocity = Math.Max(notes[at].Velocity, Math.Clamp((int)Math.Round(velocity), 1, 127)) };
    }

    /// <summary>Plays the notes on <paramref name="pitch"/> that start from <paramref name="start"/> to <paramref name="end"/> on <paramref name="replacement"/> instead.</summary>
    public void Replace(double start, double end, int pitch, int replacement)
    {
        for (var i = 0; i < notes.Count; i++)
        {
            if (notes[i].Pitch == pitch && notes[i].Start >= start - 1e-9 && notes[i].Start < end - 1e-9)
            {
                notes[i] = notes[i] with { Pitch = Math.Clamp(replacement, 0, 127) };
            }
        }
    }

    /// <summary>Clears the span from <paramref name="start"/> to <paramref name="end"/>: drops the notes starting in it and cuts those ringing into it.</summary>
    public void Clear(double start, double end)
    {
        notes.RemoveAll(n => n.Start >= start - 1e-9 && n.Start < end - 1e-9);
        for (var i = 0; i < notes.Count; i++)
        {
            if (notes[i].Start < start && notes[i].Start + notes[i].Duration > start)
            {
                notes[i] = notes[i] with { Duration = start - notes[i].Start };
            }
        }
    }

    public Part ToPart() => new(name, instrument, stem, notes.OrderBy(n => n.Start).ThenBy(n => n.Pitch).ToList());
}
