using MusicGen.Engine.Composition;
using MusicGen.Engine.Prompting;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Tests.Composition;

/// <summary>Jazz's tritone substitutions and classical secondary dominants, and the melody over them.</summary>
public sealed class ChromaticHarmonyTests
{
    private static bool IsDominantSeventh(Chord chord) =>
        chord.Symbol.EndsWith('7') && !chord.Symbol.EndsWith("maj7", StringComparison.Ordinal) && !chord.Symbol.EndsWith("m7", StringComparison.Ordinal);

    private static IEnumerable<(Chord Chord, Chord Next)> Moves(Score score) =>
        score.Chords.Zip(score.Chords.Skip(1)).Where(pair => pair.Second.StartBeat < score.Chords[^1].StartBeat - 1e-6);

    [Fact]
    public void JazzSubstitutesTheTritoneForSomeDominantsThatResolve()
    {
        var (substituted, plain) = (0, 0);
        for (var seed = 1UL; seed <= 8; seed++)
        {
            var score = Composer.Compose(PromptParser.Parse("jazz", 120, seed));
            foreach (var (chord, next) in Moves(score).Where(m => IsDominantSeventh(m.Chord)))
            {
                switch (Scales.PitchClass(chord.Root - next.Root))
                {
                    // D♭7 → C: the root falls a half step into the resolution.
                    case 1:
                        substituted++;
                        break;
                    case 7:
                        plain++;
                        break;
                }
            }

            // The final cadence stays plain: a dominant a fifth over the final tonic.
            var (cadence, final) = (score.Chords[^2], score.Chords[^1]);
            Scales.PitchClass(cadence.Root - final.Root).ShouldBe(7);
        }

        substituted.ShouldBeGreaterThanOrEqualTo(4);
        plain.ShouldBeGreaterThan(substituted / 2, "some dominants still resolve down a fifth");
    }

    [Theory]
    [InlineData("classical piano piece in C major")]
    [InlineData("sad classical piano in A minor")]
    public void ClassicalPiecesBorrowSecondaryDominantsAndTheMelodyFollowsTheirAlteration(string prompt)
    {
        var secondaries = 0;
        for (var seed = 1UL; seed <= 8; seed++)
        {
            // A minute: A A' A and the coda, no middle section in the dominant (whose way in is a V7 of V of its own).
            var score = Composer.Compose(PromptParser.Parse(prompt, 60, seed));
            score.Sections.ShouldAllBe(s => s.Key == null);
            var melody = score.Parts.Single(p => p.Name == "Piano Right Hand").Notes;
            var home = Scales.Steps(score.Key.Mode).Select(step => Scales.PitchClass(score.Key.Tonic + step)).ToHashSet();
            foreach (var (chord, next) in Moves(score).Where(m => IsDominantSeventh(m.Chord)))
            {
                // A dominant seventh resolving down a fifth onto a chord other than the tonic: V7 of V, V7 of vi.
                if (Scales.PitchClass(chord.Root - next.Root) != 7 || Scales.PitchClass(next.Root - score.Key.Tonic) == 0)
                {
                    continue;
                }

                var altered = chord.Pitches.Select(Scales.PitchClass).Where(pc => !home.Contains(pc)).ToList();
                if (altered.Count == 0)
                {
                    continue;
                }

                secondaries++;

                // No melody note (ornaments aside) rubs against the chord's raised tone with the scale's own, a half step under it.
                melody.Where(n => n.Start >= chord.StartBeat - 1e-6 && n.Start < chord.StartBeat + chord.LengthBeats - 1e-6 && n.Duration >= 0.2)
                    .ShouldAllBe(n => !altered.Contains(Scales.PitchClass(n.Pitch + 1)));
            }
        }

        secondaries.ShouldBeGreaterThanOrEqualTo(4);
    }

    [Fact]
    public void HipHopMelodyTakesTheHarmonicMinorsLeadingToneOverTheDominant()
    {
        var dominants = 0;
        for (var seed = 1UL; seed <= 12; seed++)
        {
            var score = Composer.Compose(PromptParser.Parse("dark hip hop beat in A minor", 90, seed));
            var tonic = score.Key.Tonic;
            var melody = score.Parts.Single(p => p.Stem == StemGroup.Melody).Notes;
            foreach (var chord in score.Chords.Where(c => c.Root == Scales.PitchClass(tonic + 7) && c.Pitches.Any(p => Scales.PitchClass(p - tonic) == 11)))
            {
                dominants++;

                // Over E major in A minor the line sings G♯, never the G a half step under it (ornaments and chord-tone
                // snaps aside, which are chord tones anyway).
                melody.Where(n => n.Start >= chord.StartBeat - 1e-6 && n.Start < chord.StartBeat + chord.LengthBeats - 1e-6 && n.Duration >= 0.2)
                    .ShouldAllBe(n => Scales.PitchClass(n.Pitch - tonic) != 10);
            }
        }

        dominants.ShouldBeGreaterThan(3);
    }
}
