using MusicGen.Engine.Analysis;
using MusicGen.Engine.Composition;
using MusicGen.Engine.Prompting;
using MusicGen.Engine.Rendering;
using MusicGen.Engine.Scores;
using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Tests.Sound;

/// <summary>
/// The genres' tone movement (PartTone): lo-fi tape wobble, hip-hop's dark bell, the trance pad's filter following
/// the form, techno's acid sweep and accents, house's filter sweep in the drop. Each is checked against a genre that
/// plays the same notes on the same instrument without it.
/// </summary>
public sealed class GenreToneTests
{
    private const int Rate = 44100;

    [Fact]
    public void LofiTapeWobbleDriftsThePitchByAFewCentsOverSeconds()
    {
        var lofi = PitchTrackCents(Genre.LofiHipHop);
        var steady = PitchTrackCents(Genre.Pop);

        var range = lofi.Max() - lofi.Min();
        range.ShouldBeInRange(4.0, 14.0, "a few cents of wow, as a worn cassette");
        (steady.Max() - steady.Min()).ShouldBeLessThan(0.3, "the same sine bass without tape does not drift");

        // Wow is slow: the pitch moves smoothly from one quarter second to the next rather than jumping about.
        var largestStep = lofi.Zip(lofi.Skip(1), (a, b) => Math.Abs(b - a)).Max();
        largestStep.ShouldBeLessThan(range * 0.6);
    }

    [Fact]
    public void LofiStemsStillSumToTheMixAndMatchTheRenderWithoutStems()
    {
        var score = Composer.Compose(PromptParser.Parse("lo-fi hip hop", 12, 5));

        var stems = ScoreRenderer.Render(score, Rate, keepStems: true, cancellationToken: TestContext.Current.CancellationToken);
        var shared = ScoreRenderer.Render(score, Rate, keepStems: false, cancellationToken: TestContext.Current.CancellationToken);

        stems.Stems.ShouldNotBeNull();
        var worstSum = 0f;
        var worstShared = 0f;
        for (var i = 0; i < stems.Mix.Length; i++)
        {
            var sum = Enum.GetValues<StemGroup>().Sum(g => stems.Stems[g][i]);
            worstSum = Math.Max(worstSum, Math.Abs(sum - stems.Mix[i]));
            worstShared = Math.Max(worstShared, Math.Abs(shared.Mix[i] - stems.Mix[i]));
        }

        worstSum.ShouldBeLessThan(1e-6f);
        worstShared.ShouldBeLessThan(1e-4f, "with or without stems, every part wobbles on the same tape");
    }

    [Fact]
    public void LofiRenderIsBitIdenticalForTheSameSeed()
    {
        var first = ScoreRenderer.Render(HandScores.Create(Genre.LofiHipHop, 6, seed: 4), Rate, keepStems: false, cancellationToken: TestContext.Current.CancellationToken);
        var second = ScoreRenderer.Render(HandScores.Create(Genre.LofiHipHop, 6, seed: 4), Rate, keepStems: false, cancellationToken: TestContext.Current.CancellationToken);

        second.Mix.SequenceEqual(first.Mix).ShouldBeTrue();
    }

    [Fact]
    public void HipHopBellIsDarkerThanTheBellOfOtherGenres()
    {
        var notes = Enumerable.Range(0, 16).Select(i => new Note(i, 0.9, 70 + (i % 4 * 2), 90)).ToList();
        double Centroid(Genre genre)
        {
            var score = Single(genre, new Part("Lead", Instrument.Bell, StemGroup.Melody, notes) { ReverbSend = 0 }, 90, [new Section("Main", 0, 18, 0.8)]);
            return SpectralCentroid(Mono(Render(score)[StemGroup.Melody]), 0, 18 * 60.0 / 90);
        }

        var hipHop = Centroid(Genre.HipHop);
        var pop = Centroid(Genre.Pop);

        hipHop.ShouldBeLessThan(pop * 0.6, $"hip-hop bell centroid {hipHop:F0} Hz, pop bell {pop:F0} Hz");
    }

    [Fact]
    public void AmbientThrowsAQuietPhrasesLastNoteIntoTheDelay()
    {
        // Two bell phrases in a quiet section (energy 0.3), two in a louder one (0.4), each three notes and a rest. The
        // delay's return (the stem with the delay send less the same stem without it) in the rest after a quiet phrase
        // is some 8 dB over the one after a loud phrase, whose last note is not thrown.
        const double bpm = 70;
        Section[] sections = [new("Drift", 0, 16, 0.3), new("Bloom", 16, 16, 0.4)];
        var notes = new[] { 0, 8, 16, 24 }.SelectMany(start => Enumerable.Range(0, 3).Select(i => new Note(start + i, 0.9, 72 + (2 * i), 90))).ToList();
        float[] Melody(double delaySend) =>
            Mono(Render(Single(Genre.Ambient, new Part("Lead", Instrument.Bell, StemGroup.Melody, notes) { ReverbSend = 0, DelaySend = delaySend }, bpm, sections))[StemGroup.Melody]);

        var wet = Melody(0.28);
        var dry = Melody(0);
        var echoes = wet.Zip(dry, (w, d) => w - d).ToArray();
        double Energy(double fromBeat, double toBeat) =>
            echoes.Skip((int)(fromBeat * 60 / bpm * Rate)).Take((int)((toBeat - fromBeat) * 60 / bpm * Rate)).Sum(x => (double)x * x);

        var quiet = Energy(3, 8) + Energy(11, 16);
        var loud = Energy(19, 24) + Energy(27, 32);
        (10 * Math.Log10(quiet / loud)).ShouldBeInRange(5, 11);
    }

    [Fact]
    public void DrumAndBassBellDarkensInTheBreakdown()
    {
        // The same bell line in a drop (energy 0.95) and a breakdown (0.4): the breakdown's is the dark bell, where an
        // ambient bell only softens a little with energy.
        Section[] sections = [new("Drop", 0, 16, 0.95), new("Breakdown", 16, 16, 0.4)];
        var notes = Enumerable.Range(0, 32).Select(i => new Note(i, 0.9, 70 + (i % 4 * 2), 90)).ToList();
        (double Drop, double Breakdown) Centroids(Genre genre, double bpm)
        {
            var score = Single(genre, new Part("Lead", Instrument.Bell, StemGroup.Melody, notes) { ReverbSend = 0, DelaySend = 0 }, bpm, sections);
            var bell = Mono(Render(score)[StemGroup.Melody]);
            return (SpectralCentroid(bell, 2 * 60 / bpm, 15 * 60 / bpm), SpectralCentroid(bell, 18 * 60 / bpm, 31 * 60 / bpm));
        }

        var dnb = Centroids(Genre.DrumAndBass, 174);
        var ambient = Centroids(Genre.Ambient, 174);
        (dnb.Breakdown / dnb.Drop).ShouldBeLessThan(0.6, $"drum and bass {dnb}, ambient {ambient}");
        (ambient.Breakdown / ambient.Drop).ShouldBeGreaterThan(0.75, $"ambient {ambient}");
    }

    [Fact]
    public void TrancePadIsDarkInTheIntroAndOpensTowardsTheDrop()
    {
        // Intro (energy 0.5) for 16 bars, drop (1.0) for 8: the same chord held bar after bar.
        Section[] sections = [new("Intro", 0, 64, 0.5), new("Drop", 64, 32, 1.0)];
        var notes = Enumerable.Range(0, 24).SelectMany(bar => new[] { 57, 60, 64 }.Select(p => new Note(bar * 4, 3.9, p, 90))).ToList();
        (double Early, double Late, double Drop) Centroids(Genre genre)
        {
            var score = Single(genre, new Part("Pad", Instrument.SupersawPad, StemGroup.Harmony, notes) { ReverbSend = 0 }, 138, sections);
            var pad = Mono(Render(score)[StemGroup.Harmony]);
            double Seconds(double beat) => beat * 60 / 138;
            return (SpectralCentroid(pad, Seconds(4), Seconds(24)), SpectralCentroid(pad, Seconds(58), Seconds(64)), SpectralCentroid(pad, Seconds(68), Seconds(92)));
        }

        var trance = Centroids(Genre.Trance);
        var synthwave = Centroids(Genre.Synthwave);

        // The voices already brighten with energy; the trance pad's filter darkens the intro much further.
        (trance.Early / trance.Drop).ShouldBeLessThan(0.7 * synthwave.Early / synthwave.Drop, $"trance {trance}, synthwave {synthwave}");
        trance.Early.ShouldBeLessThan(0.7 * synthwave.Early);
        trance.Drop.ShouldBeGreaterThan(0.85 * synthwave.Drop, "open in the drop");
        trance.Late.ShouldBeGreaterThan(1.3 * trance.Early, "the filter opens over the intro's last bars");
    }

    [Fact]
    public void TechnoAcidBassSweepsOverPhrasesAndAccentsOpenIt()
    {
        // Off-beat 16ths of one pitch for 16 bars, every other one accented.
        var notes = Enumerable.Range(0, 64).Select(i => new Note(i + 0.5, 0.3, 36, i % 2 == 0 ? 108 : 80)).ToList();
        double[] NoteCentroids(Genre genre)
        {
            var score = Single(genre, new Part("Bass", Instrument.SynthBass, StemGroup.Bass, notes) { ReverbSend = 0 }, 130, [new Section("Peak", 0, 68, 0.8)]);
            var bass = Mono(Render(score)[StemGroup.Bass]);
            return notes.Select(n => SpectralCentroid(bass, (n.Start * 60 / 130) + 0.005, (n.Start * 60 / 130) + 0.1)).ToArray();
        }

        var acid = NoteCentroids(Genre.Techno);
        var plain = NoteCentroids(Genre.House);

        // Closed at the start, open after eight bars (beat 32).
        double Around(double[] c, int beat) => (c[beat] + c[beat + 1] + c[beat + 2] + c[beat + 3]) / 4;
        (Around(acid, 30) / Around(acid, 0)).ShouldBeGreaterThan(2.0, "the acid cutoff sweeps open over the phrase");
        (Around(plain, 30) / Around(plain, 0)).ShouldBeInRange(0.9, 1.1, "a house bass keeps its tone");
        for (var beat = 0; beat < 60; beat += 2)
        {
            acid[beat].ShouldBeGreaterThan(1.15 * acid[beat + 1], $"the accent on beat {beat} opens the filter further");
        }
    }

    [Fact]
    public void HouseChordsAreSweptInTheDropOnly()
    {
        // Intro (0.45) 8 bars, drop (1.0) 8 bars: a chord stab every beat.
        Section[] sections = [new("Intro", 0, 32, 0.45), new("Drop", 32, 32, 1.0)];
        var notes = Enumerable.Range(0, 64).SelectMany(beat => new[] { 57, 60, 64, 67 }.Select(p => new Note(beat + 0.5, 0.4, p, 90))).ToList();
        double[] BarBrightness(Genre genre) =>
            HarmonyBarShares(genre, new Part("Chords", Instrument.Piano, StemGroup.Harmony, notes) { ReverbSend = 0 }, sections, 16, 1000);

        var house = BarBrightness(Genre.House);
        var pop = BarBrightness(Genre.Pop);

        // The sweep reaches its bottom four bars into the drop (bars 11–12); the intro and the drop's first bar are open.
        string Show(double[] shares) => string.Join(", ", shares.Select(s => s.ToString("F3")));
        (house[11..13].Average() / house[8]).ShouldBeLessThan(0.5 * pop[11..13].Average() / pop[8], $"share above 1 kHz per bar: house {Show(house)}, pop {Show(pop)}");
        var intro = house[1..8].Average();
        house[1..8].ShouldAllBe(share => share / intro > 0.85 && share / intro < 1.15, $"no sweep before the drop: house {Show(house)}");
    }

    [Theory]
    [InlineData(8)]
    [InlineData(12)]
    [InlineData(20)]
    public void HouseDropEndsItsSweepOpen(int dropBars)
    {
        // A drop of any length holds whole sweeps: open on its downbeat and again as it ends, so nothing jumps
        // open on the next section's downbeat; in between the chords still dip into their body.
        var dropBeats = 4 * dropBars;
        Section[] sections = [new("Intro", 0, 32, 0.45), new("Drop", 32, dropBeats, 1.0), new("Outro", 32 + dropBeats, 16, 0.4)];
        var part = new Part("Chords", Instrument.Piano, StemGroup.Harmony, [new Note(0, 4, 60, 90)]);
        var cutoff = PartTone.For(Single(Genre.House, part, 124, sections), part)!.CutoffHz!;

        cutoff(32).ShouldBe(9000f, 1f);
        cutoff(32 + dropBeats - 0.25).ShouldBeGreaterThan(8900f, "the sweep is open again at the drop's end");
        var bottom = Enumerable.Range(0, 4 * dropBeats).Select(i => cutoff(32 + i / 4.0)).Min();
        bottom.ShouldBeLessThan(600f, "the sweep still reaches into the chords' body");
    }

    [Fact]
    public void HouseChordsCloseIntoTheBreakdownAndOpenAcrossIt()
    {
        // Main (0.85) 16 bars, breakdown (0.3) 8, build (0.65) 8.
        Section[] sections = [new("Main", 0, 64, 0.85), new("Breakdown", 64, 32, 0.3), new("Build", 96, 32, 0.65)];
        var notes = Enumerable.Range(0, 32).SelectMany(bar => new[] { 57, 60, 64, 67 }.Select(p => new Note(bar * 4, 3.9, p, 90))).ToList();
        var part = new Part("Chords", Instrument.Piano, StemGroup.Harmony, notes) { ReverbSend = 0 };
        var cutoff = PartTone.For(Single(Genre.House, part, 124, sections), part)!.CutoffHz!;

        cutoff(48 - 0.25).ShouldBeGreaterThan(8900f, "the drop's sweeps end open where the close begins");
        cutoff(56).ShouldBe(9000f / MathF.Pow(2f, 1.5f), 50f, "half closed two bars before the breakdown");
        cutoff(64).ShouldBe(9000f / 8, 20f, "closed three octaves on the breakdown's downbeat");
        cutoff(80).ShouldBe(9000f / MathF.Pow(2f, 1.5f), 50f, "half open halfway through the breakdown");
        cutoff(100).ShouldBe(9000f, 1f, "open in the build");

        // Above 2.5 kHz: the filter's resonance lifts the band just over a 1.1 kHz cutoff.
        double[] BarBrightness(Genre genre) => HarmonyBarShares(genre, part, sections, 32, 2500);

        var house = BarBrightness(Genre.House);
        var pop = BarBrightness(Genre.Pop);
        string Show(double[] shares) => string.Join(", ", shares.Select(s => s.ToString("F3")));
        (house[16] / house[23]).ShouldBeLessThan(0.6 * pop[16] / pop[23], $"the breakdown opens; share above 2.5 kHz per bar: house {Show(house)}, pop {Show(pop)}");
        (house[15] / house[11]).ShouldBeLessThan(0.6 * pop[15] / pop[11], $"the main section closes; house {Show(house)}, pop {Show(pop)}");
    }

    [Fact]
    public void HouseHarmonyComesInClosedAndOpensAcrossTheFirstBuild()
    {
        // Intro (0.45) 8 bars of drums only, build (0.6) 8 bars where the chords come in, drop (1.0) 8 bars.
        Section[] sections = [new("Intro", 0, 32, 0.45), new("Build", 32, 32, 0.6), new("Drop", 64, 32, 1.0)];
        var notes = Enumerable.Range(8, 16).SelectMany(bar => new[] { 57, 60, 64, 67 }.Select(p => new Note(bar * 4, 3.9, p, 90))).ToList();
        var part = new Part("Chords", Instrument.Piano, StemGroup.Harmony, notes) { ReverbSend = 0 };
        var cutoff = PartTone.For(Single(Genre.House, part, 124, sections), part)!.CutoffHz!;

        cutoff(32).ShouldBe(9000f / 8, 20f, "closed three octaves where the chords come in");
        cutoff(48).ShouldBe(9000f / MathF.Pow(2f, 1.5f), 50f, "half open halfway through the build");
        cutoff(63.9).ShouldBeGreaterThan(8900f, "open as the build ends");
        cutoff(64).ShouldBe(9000f, 1f, "the drop comes in open");

        double[] BarBrightness(Genre genre) => HarmonyBarShares(genre, part, sections, 24, 2500);

        var house = BarBrightness(Genre.House);
        var pop = BarBrightness(Genre.Pop);
        string Show(double[] shares) => string.Join(", ", shares.Select(s => s.ToString("F3")));
        (house[8] / house[15]).ShouldBeLessThan(0.6 * pop[8] / pop[15], $"the build opens; share above 2.5 kHz per bar: house {Show(house)}, pop {Show(pop)}");
    }

    [Fact]
    public void HouseStabsAreBrighterThanTheAcousticPiano()
    {
        // The same chords, open (they come in with the intro): house's M1-style piano against pop's acoustic one.
        Section[] sections = [new("Intro", 0, 32, 0.45)];
        var notes = Enumerable.Range(0, 8).SelectMany(bar => new[] { 64, 67, 71, 74 }.Select(p => new Note((bar * 4) + 0.5, 0.4, p, 100))).ToList();
        var part = new Part("Chords", Instrument.Piano, StemGroup.Harmony, notes) { ReverbSend = 0 };
        var house = HarmonyBarShares(Genre.House, part, sections, 8, 2500).Skip(1).Average();
        var pop = HarmonyBarShares(Genre.Pop, part, sections, 8, 2500).Skip(1).Average();
        house.ShouldBeGreaterThan(3 * pop, $"share above 2.5 kHz: house {house:F4}, pop {pop:F4}");
    }

    [Fact]
    public void HouseHarmonyThatComesInWithTheIntroOrTheDropIsOpen()
    {
        var late = new Part("Chords", Instrument.Piano, StemGroup.Harmony, [new Note(32, 4, 60, 90)]);
        var early = late with { Notes = [new Note(0, 4, 60, 90)] };
        Section[] straightToTheDrop = [new("Intro", 0, 32, 0.45), new("Drop", 32, 32, 1.0)];
        PartTone.For(Single(Genre.House, late, 124, straightToTheDrop), late)!.CutoffHz!(32).ShouldBe(9000f, 1f, "chords coming in with the drop are open");

        Section[] withBuild = [new("Intro", 0, 32, 0.45), new("Build", 32, 32, 0.6), new("Drop", 64, 32, 1.0)];
        var cutoff = PartTone.For(Single(Genre.House, early, 124, withBuild), early)!.CutoffHz!;
        cutoff(0).ShouldBe(9000f, 1f, "chords in the intro are open");
        cutoff(32).ShouldBe(9000f, 1f, "and stay open through a build they did not come in on");
    }

    [Fact]
    public void HouseOutroFiltersTheHarmonyOut()
    {
        // After the drop (1.0) the outro (0.45) closes the chords' filter over its whole length; an intro does not.
        Section[] sections = [new("Intro", 0, 32, 0.45), new("Drop", 32, 32, 1.0), new("Outro", 64, 32, 0.45)];
        var part = new Part("Chords", Instrument.Piano, StemGroup.Harmony, [new Note(0, 4, 60, 90)]);
        var cutoff = PartTone.For(Single(Genre.House, part, 124, sections), part)!.CutoffHz!;

        cutoff(16).ShouldBe(9000f, 1f, "the intro is open");
        cutoff(64).ShouldBe(9000f, 1f, "the outro starts open, where the drop's sweep ended");
        cutoff(80).ShouldBe(9000f / MathF.Pow(2f, 1.5f), 50f, "half closed halfway");
        cutoff(95.9).ShouldBe(9000f / 8, 20f, "three octaves down at the end");
    }

    [Fact]
    public void TranceThrowsTheLastBeatBeforeTheBreakdownIntoTheDelay()
    {
        // A sixteenth-note arp through a drop (1.0) into a breakdown (0.35). Trance raises the delay send over the drop's
        // last beat: the delay's return (the stem with the send less the stem without) over the breakdown's first two
        // beats stands well over its level in the middle of the drop, where synthwave's, with the same notes, does not.
        const double bpm = 138;
        Section[] sections = [new("Drop", 0, 16, 1.0), new("Breakdown", 16, 16, 0.35)];
        var notes = Enumerable.Range(0, 128).Select(i => new Note(i * 0.25, 0.2, 69 + (i % 4 * 3), 90)).ToList();
        double Rise(Genre genre)
        {
            float[] Arp(double send) =>
                Mono(Render(Single(genre, new Part("Arp", Instrument.Pluck, StemGroup.Harmony, notes) { ReverbSend = 0, DelaySend = send }, bpm, sections))[StemGroup.Harmony]);
            var echoes = Arp(0.25).Zip(Arp(0), (w, d) => w - d).ToArray();
            double Energy(double fromBeat, double toBeat) =>
                echoes.Skip((int)(fromBeat * 60 / bpm * Rate)).Take((int)((toBeat - fromBeat) * 60 / bpm * Rate)).Sum(x => (double)x * x);
            return 10 * Math.Log10(Energy(16, 18) / Energy(8, 10));
        }

        var trance = Rise(Genre.Trance);
        var synthwave = Rise(Genre.Synthwave);
        (trance - synthwave).ShouldBeInRange(4, 12, $"echo rise after the drop: trance {trance:F1} dB, synthwave {synthwave:F1} dB");
    }

    [Fact]
    public void DrumAndBassReeseOpensThroughEachPhrase()
    {
        // A Reese note a bar for eight bars of a drop: drum and bass opens the filter bar by bar through each four-bar
        // phrase and shuts it on the next; techno plays the same Reese without moving it.
        const double bpm = 174;
        Section[] sections = [new("Drop", 0, 32, 0.95)];
        var notes = Enumerable.Range(0, 8).Select(bar => new Note((bar * 4) - (bar == 4 ? 0.02 : 0), 3.9, 38, 100)).ToList();
        double[] BarCentroids(Genre genre)
        {
            var bass = Mono(Render(Single(genre, new Part("Bass", Instrument.ReeseBass, StemGroup.Bass, notes) { ReverbSend = 0 }, bpm, sections))[StemGroup.Bass]);
            return Enumerable.Range(0, 8).Select(bar => SpectralCentroid(bass, ((bar * 4) + 0.5) * 60 / bpm, ((bar * 4) + 3.5) * 60 / bpm)).ToArray();
        }

        var dnb = BarCentroids(Genre.DrumAndBass);
        var techno = BarCentroids(Genre.Techno);
        string Show() => $"drum and bass {string.Join(", ", dnb.Select(c => c.ToString("F0")))}; techno {string.Join(", ", techno.Select(c => c.ToString("F0")))}";
        for (var bar = 1; bar < 4; bar++)
        {
            (dnb[bar] / dnb[bar - 1]).ShouldBeGreaterThan(1.08 * techno[bar] / techno[bar - 1], Show());
        }

        (dnb[4] / dnb[3]).ShouldBeLessThan(0.75 * techno[4] / techno[3], "the next phrase (its note a little early) starts shut; " + Show());
        (dnb[7] / dnb[4]).ShouldBeGreaterThan(1.3 * techno[7] / techno[4], Show());
    }

    /// <summary>Stereo width of interleaved <paramref name="stereo"/> between two beats: the side signal's energy over the mid's, dB.</summary>
    private static double SideOverMidDb(float[] stereo, double bpm, double fromBeat, double toBeat)
    {
        var (side, mid) = (0.0, 0.0);
        for (var i = (int)(fromBeat * 60 / bpm * Rate); i < (int)(toBeat * 60 / bpm * Rate); i++)
        {
            var (l, r) = (stereo[2 * i], stereo[2 * i + 1]);
            side += (l - r) * (l - r);
            mid += (l + r) * (l + r);
        }

        return 10 * Math.Log10(side / mid);
    }

    [Fact]
    public void SynthwavePadsWidenInTheBridge()
    {
        // The same held chords through a chorus and a bridge: synthwave's chorus sweeps deeper and slower in the bridge,
        // so the pad's side signal (L − R against L + R) grows there, where a cinematic pad keeps its width.
        const double bpm = 100;
        Section[] sections = [new("Chorus", 0, 32, 0.85), new("Bridge", 32, 32, 0.45)];
        var notes = Enumerable.Range(0, 16).SelectMany(bar => new[] { 57, 60, 64 }.Select(p => new Note(bar * 4, 3.9, p, 90))).ToList();
        double Widening(Genre genre)
        {
            var pad = Render(Single(genre, new Part("Pad", Instrument.SupersawPad, StemGroup.Harmony, notes) { ReverbSend = 0 }, bpm, sections))[StemGroup.Harmony];
            return SideOverMidDb(pad, bpm, 40, 62) - SideOverMidDb(pad, bpm, 8, 30);
        }

        var synthwave = Widening(Genre.Synthwave);
        var cinematic = Widening(Genre.Cinematic);
        (synthwave - cinematic).ShouldBeGreaterThan(2, $"side over mid, bridge against chorus: synthwave {synthwave:F1} dB, cinematic {cinematic:F1} dB");
    }

    [Fact]
    public void PopPadsWidenInTheChorusAndCloseForTheVerse()
    {
        // Held chords through a verse, a chorus and a verse: pop's pad is wider (side over mid) in the chorus than in
        // the verses on either side, where a cinematic pad keeps its width.
        const double bpm = 116;
        Section[] sections = [new("Verse", 0, 32, 0.5), new("Chorus", 32, 32, 0.9), new("Verse 2", 64, 32, 0.5)];
        var notes = Enumerable.Range(0, 24).SelectMany(bar => new[] { 57, 60, 64 }.Select(p => new Note(bar * 4, 3.9, p, 90))).ToList();
        (double Chorus, double Verses) Widths(Genre genre)
        {
            var pad = Render(Single(genre, new Part("Pad", Instrument.WarmPad, StemGroup.Harmony, notes) { ReverbSend = 0 }, bpm, sections))[StemGroup.Harmony];
            return (SideOverMidDb(pad, bpm, 40, 62), Math.Max(SideOverMidDb(pad, bpm, 8, 30), SideOverMidDb(pad, bpm, 72, 94)));
        }

        var pop = Widths(Genre.Pop);
        var cinematic = Widths(Genre.Cinematic);
        (pop.Chorus - pop.Verses).ShouldBeGreaterThan(1.5, $"pop: chorus {pop.Chorus:F1} dB, verses {pop.Verses:F1} dB");
        Math.Abs(cinematic.Chorus - cinematic.Verses).ShouldBeLessThan(0.5, $"cinematic: chorus {cinematic.Chorus:F1} dB, verses {cinematic.Verses:F1} dB");
    }

    [Fact]
    public void TrancePadIsGatedInTheDropOnly()
    {
        // A held chord through a build (0.7) and a drop (1.0): in the drop the pad is chopped into the gate's sixteenths
        // (open x.xx.xx.x.xx.xx.), the shut ones some 18 dB down; in the build it is not.
        const double bpm = 138;
        Section[] sections = [new("Build", 0, 32, 0.7), new("Drop", 32, 32, 1.0)];
        var notes = Enumerable.Range(0, 16).SelectMany(bar => new[] { 57, 60, 64 }.Select(p => new Note(bar * 4, 4, p, 90))).ToList();
        var pad = Mono(Render(Single(Genre.Trance, new Part("Pad", Instrument.SupersawPad, StemGroup.Harmony, notes) { ReverbSend = 0 }, bpm, sections))[StemGroup.Harmony]);
        double Level(int sixteenth)
        {
            // The middle half of the sixteenth: past the gate's 2 ms ramp.
            var from = (int)(((sixteenth + 0.25) / 4) * 60 / bpm * Rate);
            var count = (int)(0.5 / 4 * 60 / bpm * Rate);
            return Math.Sqrt(pad.Skip(from).Take(count).Sum(x => (double)x * x) / count);
        }

        // The drop starts at bar 8; the last bar of each of its four-bar phrases (11, 15) plays the turnaround.
        (double Open, double Shut) Levels(int firstBar, int bars)
        {
            var (open, shut) = (new List<double>(), new List<double>());
            for (var sixteenth = firstBar * 16; sixteenth < (firstBar + bars) * 16; sixteenth++)
            {
                var pattern = sixteenth / 16 is 11 or 15 ? PartTone.TranceGateTurnaround : PartTone.TranceGatePattern;
                (pattern[sixteenth % 16] == 'x' ? open : shut).Add(Level(sixteenth));
            }

            return (open.Average(), shut.Average());
        }

        var drop = Levels(9, 6);
        var build = Levels(2, 6);
        (20 * Math.Log10(drop.Open / drop.Shut)).ShouldBeGreaterThan(12, $"drop {drop}, build {build}");
        Math.Abs(20 * Math.Log10(build.Open / build.Shut)).ShouldBeLessThan(1.5, $"build {build}");

        // Where the turnaround differs from the chop (sixteenths 11, 12 and 15 of the bar), the phrase's last bar opens
        // what the others shut and shuts what they open.
        double Db(int bar, int sixteenth) => 20 * Math.Log10(Level((16 * bar) + sixteenth));
        foreach (var bar in new[] { 11, 15 })
        {
            (Db(bar, 12) - Db(bar, 11)).ShouldBeGreaterThan(12, $"the turnaround in bar {bar}");
            (Db(bar, 15) - Db(bar, 11)).ShouldBeGreaterThan(12, $"the turnaround in bar {bar}");
        }

        foreach (var bar in new[] { 9, 10, 12, 13, 14 })
        {
            (Db(bar, 11) - Db(bar, 12)).ShouldBeGreaterThan(12, $"the chop in bar {bar}");
        }
    }

    /// <summary>The harmony stem's share of energy above <paramref name="hz"/> in each of the first bars (of four beats at 124 BPM).</summary>
    private static double[] HarmonyBarShares(Genre genre, Part part, IReadOnlyList<Section> sections, int bars, double hz)
    {
        var harmony = Mono(Render(Single(genre, part, 124, sections))[StemGroup.Harmony]);
        return Enumerable.Range(0, bars).Select(bar => ShareAbove(harmony, bar * 4 * 60.0 / 124, (bar + 1) * 4 * 60.0 / 124, hz)).ToArray();
    }

    private static Score Single(Genre genre, Part part, double bpm, IReadOnlyList<Section> sections)
    {
        var seconds = (sections[^1].EndBeat * 60 / bpm) + 1;
        return new Score(genre, bpm, Meter.FourFour, new Key(9, Mode.Minor), seconds, 3, sections, [new Chord(0, sections[^1].EndBeat, 9, "m", [57, 60, 64])], [part]);
    }

    private static IReadOnlyDictionary<StemGroup, float[]> Render(Score score) =>
        ScoreRenderer.Render(score, Rate, keepStems: true, cancellationToken: TestContext.Current.CancellationToken).Stems!;

    private static float[] Mono(float[] interleaved)
    {
        var mono = new float[interleaved.Length / 2];
        for (var i = 0; i < mono.Length; i++)
        {
            mono[i] = 0.5f * (interleaved[2 * i] + interleaved[2 * i + 1]);
        }

        return mono;
    }

    /// <summary>A sustained 220 Hz sine bass, its frequency in cents (about its median) every quarter second from 1 s to 9 s.</summary>
    private static double[] PitchTrackCents(Genre genre)
    {
        var note = new Part("Bass", Instrument.SubBass, StemGroup.Bass, [new Note(0, 20, 57, 100)]) { ReverbSend = 0 };
        var score = Single(genre, note, 120, [new Section("A", 0, 20, 0.5)]);
        var bass = Mono(Render(score)[StemGroup.Bass]);
        var hz = new List<double>();
        for (var start = Rate; start + (Rate / 4) <= 9 * Rate; start += Rate / 4)
        {
            // Rising zero crossings, placed between samples by linear interpolation.
            var crossings = new List<double>();
            for (var i = start; i < start + (Rate / 4); i++)
            {
                if (bass[i] <= 0 && bass[i + 1] > 0)
                {
                    crossings.Add(i + (bass[i] / (bass[i] - bass[i + 1])));
                }
            }

            hz.Add(Rate * (crossings.Count - 1) / (crossings[^1] - crossings[0]));
        }

        var median = hz.Order().ElementAt(hz.Count / 2);
        return hz.Select(f => 1200 * Math.Log2(f / median)).ToArray();
    }

    /// <summary>Magnitude-weighted mean frequency of Hann-windowed 2,048-sample frames between two times.</summary>
    private static double SpectralCentroid(float[] mono, double fromSeconds, double toSeconds) =>
        Spectrum(mono, fromSeconds, toSeconds, (hz, magnitude) => hz * magnitude);

    /// <summary>The share of the spectrum's magnitude above <paramref name="hz"/>, over the same frames.</summary>
    private static double ShareAbove(float[] mono, double fromSeconds, double toSeconds, double hz) =>
        Spectrum(mono, fromSeconds, toSeconds, (f, magnitude) => f >= hz ? magnitude : 0);

    /// <summary>Σ weight(frequency, magnitude) / Σ magnitude over Hann-windowed 2,048-sample frames between two times.</summary>
    private static double Spectrum(float[] mono, double fromSeconds, double toSeconds, Func<double, double, double> weight)
    {
        const int size = 2048;
        var re = new float[size];
        var im = new float[size];
        double weighted = 0, total = 0;
        var end = Math.Min(mono.Length, (int)(toSeconds * Rate));
        var start = (int)(fromSeconds * Rate);
        for (var frame = start; frame + size <= Math.Max(end, start + size); frame += size / 2)
        {
            for (var i = 0; i < size; i++)
            {
                var window = 0.5f - (0.5f * MathF.Cos(2 * MathF.PI * i / size));
                re[i] = frame + i < mono.Length ? mono[frame + i] * window : 0f;
                im[i] = 0f;
            }

            Fft.Forward(re, im);
            for (var k = 1; k < size / 2; k++)
            {
                var magnitude = Math.Sqrt((re[k] * re[k]) + (im[k] * im[k]));
                weighted += weight(k * (double)Rate / size, magnitude);
                total += magnitude;
            }
        }

        return total > 0 ? weighted / total : 0;
    }

    [Fact]
    public void AmbientPadsKeepChangingColourUnderAHeldChord()
    {
        // One chord held for 36 beats at 70 bpm (31 s), by pad and strings together: its share above 1 kHz every two
        // seconds after the swell. Ambient's drifts open and closed within the chord; pop's same parts hold their tone.
        Section[] sections = [new("Drift", 0, 40, 0.4)];
        var chord = new[] { 57, 64, 69, 72 };
        Part Held(string name, Instrument instrument) => new(name, instrument, StemGroup.Harmony, [.. chord.Select(p => new Note(0, 36, p, 80))]) { ReverbSend = 0 };
        double[] Colour(Genre genre)
        {
            var score = Single(genre, Held("Pad", Instrument.WarmPad), 70, sections) is var single
                ? single with { Parts = [Held("Pad", Instrument.WarmPad), Held("Strings", Instrument.Strings)] }
                : null!;
            var harmony = Mono(Render(score)[StemGroup.Harmony]);
            return Enumerable.Range(2, 13).Select(k => ShareAbove(harmony, 2.0 * k, 2.0 * (k + 1), 1000)).ToArray();
        }

        var ambient = Colour(Genre.Ambient);
        var pop = Colour(Genre.Pop);

        string Show(double[] shares) => string.Join(", ", shares.Select(v => v.ToString("F3")));
        (ambient.Max() / ambient.Min()).ShouldBeGreaterThan(2.0, $"ambient: {Show(ambient)}");
        (pop.Max() / pop.Min()).ShouldBeLessThan(1.3, $"pop: {Show(pop)}");
    }

    [Fact]
    public void AmbientPadsWanderAcrossTheStereoFieldOnOppositeSides()
    {
        // One chord held for 36 beats at 70 bpm (31 s) by the pad alone, then by the strings alone: the balance of left
        // against right (dB) every two seconds after the swell. Ambient's pad wanders from side to side and the strings
        // go the other way; pop's pad stays where it was set (its chorus alone sways it by about 1 dB).
        Section[] sections = [new("Drift", 0, 40, 0.4)];
        var chord = new[] { 57, 64, 69, 72 };
        Part Held(Instrument instrument) => new("Pad", instrument, StemGroup.Harmony, [.. chord.Select(p => new Note(0, 36, p, 80))]) { ReverbSend = 0 };
        double[] Balance(Genre genre, Instrument instrument)
        {
            var harmony = Render(Single(genre, Held(instrument), 70, sections))[StemGroup.Harmony];
            return [.. Enumerable.Range(2, 13).Select(k =>
            {
                var (from, to) = ((int)(2.0 * k * Rate), (int)(2.0 * (k + 1) * Rate));
                double left = 0, right = 0;
                for (var n = from; n < to; n++)
                {
                    left += harmony[2 * n] * harmony[2 * n];
                    right += harmony[(2 * n) + 1] * harmony[(2 * n) + 1];
                }

                return 10 * Math.Log10(left / right);
            })];
        }

        var pad = Balance(Genre.Ambient, Instrument.WarmPad);
        var strings = Balance(Genre.Ambient, Instrument.Strings);
        var pop = Balance(Genre.Pop, Instrument.WarmPad);

        string Show(double[] balance) => string.Join(", ", balance.Select(v => v.ToString("F1")));
        (pad.Max() - pad.Min()).ShouldBeGreaterThan(8, $"ambient pad: {Show(pad)}");
        pad.Zip(strings, (p, s) => p * s).Count(product => product < 0).ShouldBeGreaterThan(10, $"pad: {Show(pad)}; strings: {Show(strings)}");
        (pop.Max() - pop.Min()).ShouldBeLessThan(1.5, $"pop: {Show(pop)}");
    }

    [Theory]
    [InlineData(Instrument.WarmPad)]
    [InlineData(Instrument.Strings)]
    public void AmbientPadsSwellInOverSecondsAndFadeSlowly(Instrument instrument)
    {
        // A four-second chord tone, its level per half second against its level three seconds in: ambient's pad is
        // still far under it in the first half second, where another genre's has nearly arrived, and half a second
        // after the key is let go it still sounds, where the other has all but gone.
        var ambient = Envelope(new VoiceFactory(Genre.Ambient, new Key(0, Mode.Major)), instrument);
        var pop = Envelope(new VoiceFactory(Genre.Pop, new Key(0, Mode.Major)), instrument);

        (ambient[0] / ambient[6]).ShouldBeLessThan(0.4);
        (pop[0] / pop[6]).ShouldBeGreaterThan(0.45);
        (ambient[9] / ambient[6]).ShouldBeGreaterThan(0.15);
        (pop[9] / pop[6]).ShouldBeLessThan(0.05);
    }

    [Theory]
    [InlineData(Genre.DrumAndBass, 175.0)]
    [InlineData(Genre.Ambient, 73.0)]
    public void ALetGoBellDiesAwayWithinSixteenBeats(Genre genre, double bpm)
    {
        // A short bell note at the genre's tempo: the voice ends (−60 dB) within 16 beats of its release, and at a slow
        // tempo the bell keeps its own long tail (8 s from 1.2 s time constants), which fits well within them.
        var factory = new VoiceFactory(genre, new Key(0, Mode.Major), bpm);
        var voice = factory.Create(Instrument.Bell, new NoteContext(72, 0.8f, 0.7f, Rate, 3, 0.2f))!;
        var block = new float[256];
        var held = (int)(0.2 * Rate);
        var (frames, alive) = (0, true);
        for (; frames < held; frames += block.Length)
        {
            voice.Render(block);
        }

        voice.NoteOff();
        for (; alive && frames < 30 * Rate; frames += block.Length)
        {
            alive = voice.Render(block);
        }

        var seconds = (frames - held) / (double)Rate;
        var beats = seconds * bpm / 60;
        beats.ShouldBeLessThanOrEqualTo(VoiceFactory.BellTailBeats + 0.2);
        seconds.ShouldBeGreaterThan(genre == Genre.Ambient ? 7.5 : 4.5, "the bell still rings out");
    }

    /// <summary>RMS per half second of a C4 held for four seconds, then released.</summary>
    private static double[] Envelope(VoiceFactory factory, Instrument instrument)
    {
        var voice = factory.Create(instrument, new NoteContext(60, 0.8f, 0.3f, Rate, 3, 4f))!;
        var samples = new float[8 * Rate];
        voice.Render(samples.AsSpan(0, 4 * Rate));
        voice.NoteOff();
        voice.Render(samples.AsSpan(4 * Rate));
        return samples.Chunk(Rate / 2).Select(c => Math.Sqrt(c.Average(x => (double)x * x))).ToArray();
    }
}
