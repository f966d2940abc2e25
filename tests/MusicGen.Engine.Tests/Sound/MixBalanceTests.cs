using MusicGen.Engine.Composition;
using MusicGen.Engine.Mastering;
using MusicGen.Engine.Prompting;
using MusicGen.Engine.Rendering;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Tests.Sound;

public sealed class MixBalanceTests
{
    public static TheoryData<Genre> BeatLedGenres() => new(Enum.GetValues<Genre>().Where(g => g is not (Genre.Ambient or Genre.ClassicalPiano or Genre.Cinematic)));

    [Theory]
    [MemberData(nameof(BeatLedGenres))]
    public void MusicSitsWithinElevenLuOfTheDrums(Genre genre)
    {
        // The stems' loudness before the master (whose gain moves them all alike): the louder of chords and lead
        // must not be buried under the kit.
        var score = Composer.Compose(PromptParser.Parse(GenreNames.Display(genre), 30, 11));
        var stems = ScoreRenderer.Render(score, 44100, keepStems: true, cancellationToken: TestContext.Current.CancellationToken).Stems!;
        double Lufs(StemGroup stem) => LoudnessMeter.Measure(stems[stem], 44100);

        var drums = Lufs(StemGroup.Drums);
        var music = Math.Max(Lufs(StemGroup.Harmony), Lufs(StemGroup.Melody));
        var shown = $"{genre}: drums {drums:F1} LUFS, harmony {Lufs(StemGroup.Harmony):F1}, melody {Lufs(StemGroup.Melody):F1}";
        music.ShouldBeGreaterThan(drums - 11, shown);

        // The lead carries the tune: not buried under the chords either.
        Lufs(StemGroup.Melody).ShouldBeGreaterThan(Lufs(StemGroup.Harmony) - 3, shown);
    }

    [Theory]
    [InlineData(11UL)]
    [InlineData(12UL)]
    public void CinematicsStringOstinatoDrivesOverTheChoirAndUnderTheBrass(ulong seed)
    {
        // Each part alone, before the master: the ostinato is the figure that drives the music, so the choir's held
        // chords must not bury it; the brass carries the tune over both; the choir is still heard.
        var score = Composer.Compose(PromptParser.Parse(GenreNames.Display(Genre.Cinematic), 60, seed));
        double Lufs(Func<Part, bool> which)
        {
            var part = score.Parts.Single(which);
            var mix = ScoreRenderer.Render(score with { Parts = [part] }, 44100, keepStems: false, cancellationToken: TestContext.Current.CancellationToken);
            return LoudnessMeter.Measure(mix.Mix, 44100);
        }

        var ostinato = Lufs(p => p.Stem == StemGroup.Harmony && p.Instrument == Instrument.Strings);
        var choir = Lufs(p => p.Instrument == Instrument.Choir);
        var brass = Lufs(p => p.Stem == StemGroup.Melody);
        var shown = $"ostinato {ostinato:F1} LUFS, choir {choir:F1}, brass {brass:F1}";
        ostinato.ShouldBeGreaterThan(choir - 1, shown);
        choir.ShouldBeGreaterThan(ostinato - 6, shown);
        brass.ShouldBeGreaterThan(ostinato + 2, shown);
    }

    [Theory]
    [InlineData("hip hop")]
    [InlineData("dark trap beat")]
    public void HipHopsEightOhEightStandsCloseToTheKit(string prompt)
    {
        // K-weighting discounts the sub-bass an 808 lives in, so even a loud one measures some LU under the drums.
        var score = Composer.Compose(PromptParser.Parse(prompt, 30, 11));
        score.Genre.ShouldBe(Genre.HipHop);
        var stems = ScoreRenderer.Render(score, 44100, keepStems: true, cancellationToken: TestContext.Current.CancellationToken).Stems!;

        var drums = LoudnessMeter.Measure(stems[StemGroup.Drums], 44100);
        LoudnessMeter.Measure(stems[StemGroup.Bass], 44100).ShouldBeGreaterThan(drums - 6);
    }
}
