using MusicGen.Engine.Composition;
using MusicGen.Engine.Prompting;
using MusicGen.Engine.Scores;
using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Tests.Sound;

public sealed class CymbalTests
{
    private const int Rate = 44100;

    [Theory]
    [InlineData(Genre.Rock)]
    [InlineData(Genre.Jazz)]
    public void RideDecaysWithinAnEighthSoEighthsDoNotPileUp(Genre genre)
    {
        var voice = new DrumVoice(DrumSound.Ride, DrumKitStyle.For(genre), new NoteContext(51, 1f, 0.8f, Rate, 7, 0.1f));
        var samples = new float[(int)(voice.LengthSeconds * Rate)];
        voice.Render(samples);

        // An eighth note at 125 BPM is 240 ms: by the next stroke the ride must have fallen well below its strike
        // (a 1.1 s wash was only 2 dB down, so eighths merged into one block).
        var strike = Rms(samples, 0.0, 0.03);
        var nextEighth = Rms(samples, 0.24, 0.27);
        var dropDb = 20 * Math.Log10(nextEighth / strike);
        dropDb.ShouldBeLessThan(-9, $"the ride is {dropDb:F1} dB down an eighth later");
        voice.LengthSeconds.ShouldBeLessThanOrEqualTo(1.5f);
    }

    [Fact]
    public void JazzRideAccentsTwoAndFourOverTheSkipNotes()
    {
        var score = Composer.Compose(PromptParser.Parse("jazz", 60, 3));
        var ride = score.Parts.Single(p => p.Instrument == Instrument.DrumKit).Notes.Where(n => n.Pitch == 51).ToList();
        var bar = score.Meter.QuarterBeatsPerBar;

        double MeanVelocity(Func<double, bool> where) => ride.Where(n => where(((n.Start % bar) + bar) % bar)).Average(n => n.Velocity);
        var backbeats = MeanVelocity(b => Math.Abs(b - 1) < 0.1 || Math.Abs(b - 3) < 0.1);
        var skips = MeanVelocity(b => b is > 1.4 and < 1.95 || b is > 3.4 and < 3.95);
        backbeats.ShouldBeGreaterThan(skips + 20);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void PopNeverStacksSixteenthShakerOnHatsAndItsHatsChangeBySection(ulong seed)
    {
        var score = Composer.Compose(PromptParser.Parse("pop", 200, seed));
        var drums = score.Parts.Single(p => p.Instrument == Instrument.DrumKit).Notes;

        foreach (var section in score.Sections.Where(s => s.LengthBeats >= 8))
        {
            var inSection = drums.Where(n => n.Start >= section.StartBeat && n.Start < section.EndBeat).ToList();
            var shakers = inSection.Count(n => n.Pitch == 70);
            var hats = inSection.Count(n => n.Pitch == 42);

            // At most one of the metal layers runs in 16ths, and the pair stays under 12 hits a bar.
            ((double)(shakers + hats)).ShouldBeLessThanOrEqualTo(12 * section.LengthBeats / score.Meter.QuarterBeatsPerBar, section.Name);
        }

        // Verse and chorus do not play the same hat pattern.
        var verse = score.Sections.First(s => s.Name.StartsWith("Verse", StringComparison.Ordinal));
        var chorus = score.Sections.Where(s => s.Name.Contains("Chorus", StringComparison.Ordinal) && !s.Name.StartsWith("Pre", StringComparison.Ordinal)).MaxBy(s => s.Energy)!;
        static HashSet<int> Pattern(IEnumerable<Note> notes, Section s) =>
            notes.Where(n => n.Start >= s.StartBeat && n.Start < s.EndBeat && n.Pitch is 42 or 46 or 70).Select(n => (n.Pitch * 100) + (int)Math.Round((n.Start - s.StartBeat) % 4 * 4)).ToHashSet();
        Pattern(drums, verse).SetEquals(Pattern(drums, chorus)).ShouldBeFalse();
    }

    private static double Rms(float[] samples, double from, double to)
    {
        var a = (int)(from * Rate);
        var b = Math.Min(samples.Length, (int)(to * Rate));
        double sum = 0;
        for (var i = a; i < b; i++)
        {
            sum += samples[i] * samples[i];
        }

        return Math.Sqrt(sum / (b - a));
    }
}
