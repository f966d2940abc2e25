using MusicGen.Engine.Analysis;
using MusicGen.Engine.Rendering;
using MusicGen.Engine.Scores;
using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Tests.Rendering;

/// <summary>
/// Pads, strings, choir, sub bass, organ and the FM voices under a low-pass play at half rate, ambient's pads at a quarter,
/// and are upsampled (<see cref="PartUpsampler"/>, one <see cref="HalfRateUpsampler"/> per octave).
/// </summary>
public sealed class HalfRateTests
{
    private const int Rate = 44100;

    [Theory]
    [InlineData(440.0, 2)]
    [InlineData(2500.0, 2)]
    [InlineData(7000.0, 2)]
    [InlineData(440.0, 4)]
    [InlineData(2500.0, 4)]
    [InlineData(3500.0, 4)]
    public void UpsampledToneIsTheToneAtTheFullRate(double hz, int divisor)
    {
        // A tone at half or a quarter of the rate, fed in uneven blocks, against the same tone computed at the full rate.
        var frames = Rate / divisor;
        var lead = new PartUpsampler(divisor / 2, ScoreRenderer.BlockFrames).Lead;
        var low = Enumerable.Range(0, frames + lead).Select(n => (float)Math.Sin(2 * Math.PI * hz * n / (Rate / divisor))).ToArray();
        var high = Upsample(low, divisor * frames, divisor);

        var (error, signal) = (0.0, 0.0);
        for (var n = 2000; n < high.Length - 2000; n++)
        {
            var expected = Math.Sin(2 * Math.PI * hz * n / Rate);
            (error, signal) = (error + Math.Pow(high[n] - expected, 2), signal + (expected * expected));
        }

        (10 * Math.Log10(error / signal)).ShouldBeLessThan(hz < 5000 / (divisor / 2) ? -60 : -40);
    }

    [Theory]
    [InlineData(Instrument.ElectricPiano, Genre.Pop)]
    [InlineData(Instrument.SupersawPad, Genre.Trance)]
    [InlineData(Instrument.SawLead, Genre.Trance)]
    [InlineData(Instrument.DrumKit, Genre.LofiHipHop)]
    [InlineData(Instrument.CleanGuitar, Genre.LofiHipHop)]
    public void BrightVoicesKeepTheFullRate(Instrument instrument, Genre genre) =>
        VoiceRates.Divisor(instrument, genre, Rate, 60).ShouldBe(1);

    [Fact]
    public void AnUpsampledToneLeavesNoAudibleImage()
    {
        // 4 kHz at half rate has its image at 18.05 kHz: the interpolator keeps it more than 60 dB under the tone.
        var low = Enumerable.Range(0, Rate).Select(n => (float)Math.Sin(2 * Math.PI * 4000 * n / (Rate / 2))).ToArray();
        var high = Upsample(low, 2 * (Rate - HalfRateUpsampler.LeadFrames));

        (Level(high, 18050) - Level(high, 4000)).ShouldBeLessThan(-60);
    }

    [Theory]
    [InlineData(Instrument.WarmPad, 48, Genre.Pop)]
    [InlineData(Instrument.WarmPad, 72, Genre.Pop)]
    [InlineData(Instrument.Strings, 67, Genre.Pop)]
    [InlineData(Instrument.Choir, 60, Genre.Pop)]
    [InlineData(Instrument.SubBass, 36, Genre.Pop)]
    [InlineData(Instrument.SubBass, 33, Genre.HipHop)]
    [InlineData(Instrument.ElectricPiano, 60, Genre.LofiHipHop)]
    [InlineData(Instrument.ElectricPiano, 76, Genre.LofiHipHop)]
    [InlineData(Instrument.Organ, 55, Genre.Rock)]
    [InlineData(Instrument.Organ, 79, Genre.Funk)]
    [InlineData(Instrument.Bell, 72, Genre.HipHop)]
    [InlineData(Instrument.Bell, 84, Genre.HipHop)]
    [InlineData(Instrument.WarmPad, 72, Genre.DrumAndBass, 1.0f)]
    [InlineData(Instrument.WarmPad, 57, Genre.Ambient)]
    [InlineData(Instrument.Strings, 60, Genre.Ambient, 1.0f)]
    [InlineData(Instrument.Strings, 79, Genre.Cinematic)]
    [InlineData(Instrument.Choir, 79, Genre.Cinematic, 1.0f)]
    [InlineData(Instrument.Choir, 55, Genre.Cinematic)]
    [InlineData(Instrument.Piano, 60, Genre.Jazz)]
    [InlineData(Instrument.Piano, 84, Genre.ClassicalPiano, 1.0f)]
    [InlineData(Instrument.Piano, 84, Genre.House, 1.0f)]
    [InlineData(Instrument.SubBass, 55, Genre.Pop, 1.0f)]
    [InlineData(Instrument.ReeseBass, 52, Genre.DrumAndBass, 1.0f)]
    [InlineData(Instrument.ReeseBass, 64, Genre.DrumAndBass, 1.0f)]
    [InlineData(Instrument.PluckBass, 64, Genre.Rock, 1.0f)]
    [InlineData(Instrument.SynthBass, 60, Genre.Synthwave, 1.0f)]
    [InlineData(Instrument.SynthBass, 64, Genre.House, 1.0f)]
    [InlineData(Instrument.SynthBass, 60, Genre.Techno, 1.0f)]
    public void AVoiceBelowTheSongsRateSoundsAsAtTheFullRate(Instrument instrument, int pitch, Genre genre, float energy = 0.6f)
    {
        var divisor = VoiceRates.Divisor(instrument, genre, Rate, pitch);
        divisor.ShouldBe(pitch <= VoiceRates.QuarterRateTop(instrument, genre) ? 4 : 2);
        VoiceRates.Divisor(instrument, genre, 22050, pitch).ShouldBe(1, "a part of a low rate would lose the top of the voice");
        var factory = new VoiceFactory(genre, new Key(0, Mode.Major));
        float[] Play(float rate, int frames)
        {
            var voice = factory.Create(instrument, new NoteContext(pitch, 0.8f, energy, rate, 5, 1.5f))!;
            var samples = new float[frames];
            var held = (int)(1.5f * rate);
            voice.Render(samples.AsSpan(0, held));
            voice.NoteOff();
            voice.Render(samples.AsSpan(held));

            // Hip-hop's bell plays at half the rate for its part's low-pass, which runs at the voices' rate: heard through it.
            if (instrument == Instrument.Bell && genre == Genre.HipHop)
            {
                var lowPass = default(Svf);
                lowPass.Set(PartTone.HipHopBellCutoffHz, 0.7071f, rate);
                for (var n = 0; n < samples.Length; n++)
                {
                    samples[n] = lowPass.LowPass(samples[n]);
                }
            }

            return samples;
        }

        var full = Play(Rate, 3 * Rate);
        var lead = new PartUpsampler(divisor / 2, ScoreRenderer.BlockFrames).Lead;
        var half = Upsample(Play(Rate / (float)divisor, (3 * Rate / divisor) + lead), 3 * Rate, divisor);

        // The same note: the same level, and octave by octave the same balance where the sound is (the bands holding
        // a percent of it or more). A filter below the song's rate closes a little sooner towards its Nyquist frequency,
        // so the octave under the rate's reach (4 kHz at half the rate, 2 kHz at a quarter), already some 30 dB under
        // these voices' body, may come out up to 2 dB darker. Above that octave the voice must hold next to nothing.
        (10 * Math.Log10(Spectrum.Energy(half) / Spectrum.Energy(full))).ShouldBe(0, 0.2);
        var bands = new[] { 125.0, 250.0, 500.0, 1000.0, 2000.0, 4000.0, 8000.0 };
        var top = 8000.0 / divisor;
        var (fullOctaves, halfOctaves) = (Octaves(full, bands), Octaves(half, bands));
        var total = fullOctaves.Sum();
        for (var b = 0; b < bands.Length; b++)
        {
            if (bands[b] > top)
            {
                fullOctaves[b].ShouldBeLessThan(0.01 * total, $"{bands[b]} Hz octave, beyond the rate's reach");
            }
            else if (fullOctaves[b] > 0.01 * total)
            {
                (10 * Math.Log10(halfOctaves[b] / fullOctaves[b])).ShouldBe(0, bands[b] < top ? 1.0 : 2.0, $"{bands[b]} Hz octave");
            }
        }
    }

    [Theory]
    [InlineData(Instrument.WarmPad, Genre.Pop)]
    [InlineData(Instrument.Strings, Genre.Ambient)]
    [InlineData(Instrument.Choir, Genre.Cinematic)]
    [InlineData(Instrument.ReeseBass, Genre.DrumAndBass)]
    [InlineData(Instrument.SynthBass, Genre.House)]
    public void APartAboveItsQuarterRateTopPlaysAtHalfTheRate(Instrument instrument, Genre genre)
    {
        var top = VoiceRates.QuarterRateTop(instrument, genre);
        VoiceRates.Divisor(instrument, genre, Rate, top).ShouldBe(4);
        VoiceRates.Divisor(instrument, genre, Rate, top + 1).ShouldBe(2);
    }

    [Fact]
    public void APianoAboveCSixPlaysAtTheFullRate()
    {
        VoiceRates.Divisor(Instrument.Piano, Genre.ClassicalPiano, Rate, 84).ShouldBe(2);
        VoiceRates.Divisor(Instrument.Piano, Genre.ClassicalPiano, Rate, 85).ShouldBe(1);
    }

    [Theory]
    [InlineData(Genre.LofiHipHop, Instrument.WarmPad, 4)]
    [InlineData(Genre.HipHop, Instrument.WarmPad, 4)]
    [InlineData(Genre.Pop, Instrument.WarmPad, 4)]
    [InlineData(Genre.House, Instrument.WarmPad, 4)]
    [InlineData(Genre.DrumAndBass, Instrument.WarmPad, 4)]
    [InlineData(Genre.Ambient, Instrument.WarmPad, 4)]
    [InlineData(Genre.Ambient, Instrument.Strings, 4)]
    [InlineData(Genre.Cinematic, Instrument.Choir, 4)]
    [InlineData(Genre.LofiHipHop, Instrument.SubBass, 4)]
    [InlineData(Genre.HipHop, Instrument.SubBass, 4)]
    [InlineData(Genre.DrumAndBass, Instrument.ReeseBass, 4)]
    [InlineData(Genre.Pop, Instrument.PluckBass, 4)]
    [InlineData(Genre.Rock, Instrument.PluckBass, 4)]
    [InlineData(Genre.Funk, Instrument.PluckBass, 4)]
    [InlineData(Genre.House, Instrument.SynthBass, 4)]
    [InlineData(Genre.Synthwave, Instrument.SynthBass, 4)]
    [InlineData(Genre.Trance, Instrument.SynthBass, 4)]
    [InlineData(Genre.Techno, Instrument.SynthBass, 2)]
    [InlineData(Genre.HipHop, Instrument.Piano, 2)]
    [InlineData(Genre.Pop, Instrument.Piano, 2)]
    [InlineData(Genre.House, Instrument.Piano, 2)]
    [InlineData(Genre.Jazz, Instrument.Piano, 2)]
    public void TheGenresVoiceTheirPartsForTheirRates(Genre genre, Instrument instrument, int divisor)
    {
        foreach (var seed in new ulong[] { 1, 2, 3 })
        {
            var score = MusicGen.Engine.Composition.Composer.Compose(MusicGen.Engine.Prompting.PromptParser.Parse(GenreNames.Display(genre), 120, seed));
            var pads = score.Parts.Where(p => p.Instrument == instrument).ToList();
            pads.ShouldNotBeEmpty();
            pads.ShouldAllBe(p => VoiceRates.Divisor(p, genre, Rate) == divisor);
        }
    }

    [Theory]
    [InlineData(Instrument.WarmPad, Genre.Pop)]
    [InlineData(Instrument.Strings, Genre.Ambient)]
    [InlineData(Instrument.WarmPad, Genre.Ambient)]
    [InlineData(Instrument.ElectricPiano, Genre.LofiHipHop)]
    [InlineData(Instrument.Organ, Genre.Funk)]
    public void APartsInsertsAtHalfRateSoundAsAtTheFullRate(Instrument instrument, Genre genre)
    {
        // A half-rate part runs its inserts (tone filter, tape wobble, low cut, chorus) before the upsampler. Against
        // the same part at 24 kHz, where it plays at the full rate: the same level and the same stereo width (the side
        // signal against the mid), which comes from the chorus. (The octaves are compared at the chorus itself, in
        // ChorusTests: here the voices' own detuning beats differently at the two rates.)
        Section[] sections = [new("A", 0, 16, 0.5)];
        var chords = new[] { new[] { 57, 60, 64 }, new[] { 53, 57, 60 }, new[] { 55, 59, 62 }, new[] { 52, 55, 59 } };
        var notes = chords.SelectMany((chord, i) => chord.Select(p => new Note(4 * i, 3.5, p, 80))).ToList();
        var part = new Part("Chords", instrument, StemGroup.Harmony, notes) { ReverbSend = 0 };
        var score = new Score(genre, 80, Meter.FourFour, new Key(9, Mode.Minor), 14, 3, sections, [new Chord(0, 16, 9, "m", [57, 60, 64])], [part]);
        VoiceRates.Divisor(part, genre, Rate).ShouldBeGreaterThan(1);
        VoiceRates.Divisor(part, genre, 24000).ShouldBe(1);

        (double Level, double Width) Measure(int rate)
        {
            var stereo = ScoreRenderer.Render(score, rate, keepStems: true, cancellationToken: TestContext.Current.CancellationToken).Stems![StemGroup.Harmony];
            var mid = new float[stereo.Length / 2];
            var side = new float[mid.Length];
            for (var n = 0; n < mid.Length; n++)
            {
                (mid[n], side[n]) = ((stereo[2 * n] + stereo[(2 * n) + 1]) / 2, (stereo[2 * n] - stereo[(2 * n) + 1]) / 2);
            }

            return (10 * Math.Log10(Spectrum.Energy(mid) / mid.Length), 10 * Math.Log10(Spectrum.Energy(side) / Spectrum.Energy(mid)));
        }

        var half = Measure(Rate);
        var full = Measure(24000);
        half.Level.ShouldBe(full.Level, 0.3);
        if (double.IsFinite(full.Width))
        {
            half.Width.ShouldBe(full.Width, 1.0);
        }
        else
        {
            // A part without a chorus (the organ) stays mono.
            half.Width.ShouldBe(double.NegativeInfinity);
        }
    }

    /// <summary>
    /// The energy in each octave around <paramref name="centres"/> (from centre / √2 to centre × √2), summed over
    /// Hann-windowed frames: all of it, so a voice of a few partials (a bell) counts where they fall.
    /// </summary>
    private static double[] Octaves(float[] samples, double[] centres)
    {
        const int size = 8192;
        var energies = new double[centres.Length];
        var (re, im) = (new float[size], new float[size]);
        for (var start = 0; start + size <= samples.Length; start += size / 2)
        {
            for (var n = 0; n < size; n++)
            {
                re[n] = samples[start + n] * (float)(0.5 - (0.5 * Math.Cos(2 * Math.PI * n / size)));
            }

            Array.Clear(im);
            Fft.Forward(re, im);
            for (var k = 1; k < size / 2; k++)
            {
                var hz = k * (double)Rate / size;
                for (var b = 0; b < centres.Length; b++)
                {
                    if (hz >= centres[b] / Math.Sqrt(2) && hz < centres[b] * Math.Sqrt(2))
                    {
                        energies[b] += ((double)re[k] * re[k]) + ((double)im[k] * im[k]);
                    }
                }
            }
        }

        return energies;
    }

    /// <summary>
    /// The signal upsampled from a half (<paramref name="divisor"/> 2) or a quarter of the rate and aligned with the input
    /// (its lag dropped), fed in blocks of uneven length as a part feeds it.
    /// </summary>
    private static float[] Upsample(float[] low, int length, int divisor = 2)
    {
        var upsampler = new PartUpsampler(divisor / 2, ScoreRenderer.BlockFrames);
        var high = new float[length];
        int[] sizes = [136, 128, 77, 128, 3, 128];
        var (read, written, turn) = (0, 0, 0);
        while (written < length)
        {
            var size = Math.Min(sizes[turn++ % sizes.Length], low.Length - read);
            var count = Math.Min(divisor * (size - (read == 0 ? upsampler.Lead : 0)), length - written);
            upsampler.Process(low.AsSpan(read, size), high.AsSpan(written, count), first: read == 0);
            (read, written) = (read + size, written + count);
        }

        return high;
    }

    private static double Level(float[] samples, double hz) => 10 * Math.Log10(Spectrum.Power(samples, hz, Rate) + 1e-20);
}
