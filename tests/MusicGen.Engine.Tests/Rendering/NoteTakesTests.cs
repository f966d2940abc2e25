using MusicGen.Engine.Rendering;
using MusicGen.Engine.Scores;
using MusicGen.Engine.Synthesis;
using Shouldly;
using Xunit;

namespace MusicGen.Engine.Tests.Rendering;

public class NoteTakesTests
{
    private const float SampleRate = 44100;
    private const long Hold = 22050;

    private static readonly VoiceFactory Factory = new(Genre.Pop, new Key(0, Mode.Major));

    [Theory]
    [InlineData(Instrument.WarmPad)]
    [InlineData(Instrument.Piano)]
    [InlineData(Instrument.Bell)]
    [InlineData(Instrument.CleanGuitar)]
    public void KeepingATakeChangesTheCostNotTheSound(Instrument instrument)
    {
        // The same three notes (two repeats of one take), once with room to keep takes and once with none. A take
        // is rendered in longer pieces than the song's blocks, which rounds a little differently: −80 dB at most.
        var kept = PlayAll(new NoteTakes(Factory, SampleRate), instrument, [100, 100, 97]);
        var streamed = PlayAll(new NoteTakes(Factory, SampleRate, budgetSamples: 0), instrument, [100, 100, 97]);

        for (var note = 0; note < kept.Length; note++)
        {
            var peak = streamed[note].Max(Math.Abs);
            peak.ShouldBeGreaterThan(0.01f);
            kept[note].Length.ShouldBeGreaterThan((int)Hold, "a take holds the release after the note-off");

            // Either may run a piece longer before its voice reports silence: past the shorter, only silence.
            var common = Math.Min(kept[note].Length, streamed[note].Length);
            for (var i = 0; i < common; i++)
            {
                Math.Abs(kept[note][i] - streamed[note][i]).ShouldBeLessThan(1e-4f * peak, $"note {note}, sample {i}");
            }

            kept[note].Skip(common).Concat(streamed[note].Skip(common)).ShouldAllBe(x => Math.Abs(x) < 1e-3f * peak);
        }
    }

    [Fact]
    public void RepeatsWithinAVelocityLayerAreTheTakeAtTheirOwnLevel()
    {
        var played = PlayAll(new NoteTakes(Factory, SampleRate), Instrument.Bell, [100, 100, 97]);

        played[1].ShouldBe(played[0], "a repeat plays the same take");
        var ratio = played[2].Zip(played[0]).Where(p => Math.Abs(p.Second) > 1e-3f).Select(p => p.First / p.Second).ToArray();
        ratio.ShouldAllBe(r => Math.Abs(r - (97f / 100f)) < 1e-5f);
    }

    [Fact]
    public void VelocityShapesTheToneAcrossLayers()
    {
        // A bell struck harder is brighter: not a louder copy of the soft take.
        var played = PlayAll(new NoteTakes(Factory, SampleRate), Instrument.Bell, [40, 120]);
        var ratio = played[1].Zip(played[0]).Where(p => Math.Abs(p.Second) > 1e-3f).Select(p => p.First / p.Second).ToArray();
        (ratio.Max() - ratio.Min()).ShouldBeGreaterThan(0.5f);
    }

    [Fact]
    public void TwoPartsPlayingTheSameNoteGetTheirOwnTakes()
    {
        // A double-tracked guitar: the same note in two parts must not be one pick's noise twice.
        var takes = new NoteTakes(Factory, SampleRate);
        var context = Note(100);
        var (first, gain) = takes.KeyFor(Instrument.DistortedGuitar, context, Hold, partSeed: 1);
        var (second, _) = takes.KeyFor(Instrument.DistortedGuitar, context, Hold, partSeed: 2);
        takes.Expect(first);
        takes.Expect(second);

        var a = Render(takes.Play(first, gain)!);
        var b = Render(takes.Play(second, gain)!);

        a.Zip(b).Count(p => Math.Abs(p.First - p.Second) > 1e-3f).ShouldBeGreaterThan(a.Length / 4);
    }

    [Fact]
    public void ATakeIsKeptOnlyUntilItsLastRepeatAndWithinTheBudget()
    {
        var takes = new NoteTakes(Factory, SampleRate);
        var (key, gain) = takes.KeyFor(Instrument.WarmPad, Note(90), Hold, partSeed: 1);
        takes.Expect(key);
        takes.Expect(key);

        takes.Play(key, gain).ShouldNotBeNull();
        takes.KeptSamples.ShouldBeGreaterThan(Hold);
        takes.Play(key, gain).ShouldNotBeNull();
        takes.KeptSamples.ShouldBe(0, "the last repeat has played");

        // A budget smaller than one take keeps none, and the notes still play.
        var tight = new NoteTakes(Factory, SampleRate, budgetSamples: Hold);
        tight.Expect(key);
        tight.Expect(key);
        Render(tight.Play(key, gain)!).Max(Math.Abs).ShouldBeGreaterThan(0.01f);
        tight.KeptSamples.ShouldBe(0);
    }

    private static float[][] PlayAll(NoteTakes takes, Instrument instrument, int[] velocities)
    {
        var keys = velocities.Select(v => takes.KeyFor(instrument, Note(v), Hold, partSeed: 7)).ToArray();
        foreach (var (key, _) in keys)
        {
            takes.Expect(key);
        }

        return keys.Select(k => Render(takes.Play(k.Key, k.Gain)!)).ToArray();
    }

    private static NoteContext Note(int velocity) => new(60, velocity / 127f, 0.7f, SampleRate, 1, Hold / SampleRate);

    /// <summary>Plays a voice in the renderer's blocks, with the note-off at <see cref="Hold"/>, until it falls silent.</summary>
    private static float[] Render(Voice voice)
    {
        var output = new List<float>();
        var block = new float[ScoreRenderer.BlockFrames];
        var alive = true;
        for (long at = 0; alive && at < 40 * (long)SampleRate; at += block.Length)
        {
            Array.Clear(block);
            var off = Hold - at;
            if (off >= 0 && off < block.Length)
            {
                voice.Render(block.AsSpan(0, (int)off));
                voice.NoteOff();
                alive = voice.Render(block.AsSpan((int)off));
            }
            else
            {
                alive = voice.Render(block);
            }

            output.AddRange(block);
        }

        return [.. output];
    }
}
