namespace MusicGen.Engine.Scores;

/// <summary>Beats ↔ seconds under a starting tempo and a list of <see cref="TempoChange"/>s in beat order.</summary>
public static class TempoMap
{
    public static double BeatToSeconds(double beat, double bpm, IReadOnlyList<TempoChange> changes)
    {
        var seconds = 0.0;
        var from = 0.0;
        foreach (var change in changes)
        {
            if (change.Beat >= beat)
            {
                break;
            }

            seconds += (change.Beat - from) * 60.0 / bpm;
            from = change.Beat;
            bpm = change.Bpm;
        }

        return seconds + ((beat - from) * 60.0 / bpm);
    }

    public static double SecondsToBeat(double seconds, double bpm, IReadOnlyList<TempoChange> changes)
    {
        var at = 0.0;
        var from = 0.0;
        foreach (var change in changes)
        {
            var end = at + ((change.Beat - from) * 60.0 / bpm);
            if (end >= seconds)
            {
                break;
            }

            at = end;
            from = change.Beat;
            bpm = change.Bpm;
        }

        return from + ((seconds - at) * bpm / 60.0);
    }
}
