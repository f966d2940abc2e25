namespace MusicGen.Engine.Composition;

/// <summary>
/// Cinematic music swells into each climax (a section of energy 0.85 or more, at least 0.2 above the one before): in
/// the bar before it, the lead's last note of at least a beat and the pad's last chord are held to the climax's
/// downbeat and swell in from nothing over their length (<see cref="Scores.Note.Swell"/>), a little louder at their
/// top, as brass and choir crescendo into the tutti. What the part had after them in that bar goes.
/// </summary>
internal static class ClimaxSwells
{
    private const double ClimaxEnergy = 0.85;
    private const double Rise = 0.2;

    /// <param name="chord">Swell every note struck with the last one (a pad's chord), not the last note alone (a lead's).</param>
    public static void Apply(PartBuilder part, SongContext song, bool chord)
    {
        for (var i = 1; i < song.Sections.Count; i++)
        {
            var (section, before) = (song.Sections[i], song.Sections[i - 1]);
            if (section.Energy < ClimaxEnergy || section.Energy - before.Energy < Rise)
            {
                continue;
            }

            var climax = song.Timing.BarStart(section.StartBar);
            var held = part.Notes.Where(n => n.Start >= climax - song.BarBeats - 1e-9 && n.Start <= climax - 1 && n.Duration >= 1).ToList();
            if (held.Count == 0)
            {
                continue;
            }

            var start = held.Max(n => n.Start);
            var swelling = chord ? held.Where(n => Math.Abs(n.Start - start) < 1e-9).ToList() : [held.Last(n => Math.Abs(n.Start - start) < 1e-9)];
            part.Clear(start, climax);
            foreach (var note in swelling)
            {
                part.AddSwell(start, climax - start, note.Pitch, Math.Min(127, note.Velocity * 1.1));
            }
        }
    }
}
