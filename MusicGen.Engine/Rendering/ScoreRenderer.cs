using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MusicGen.Engine.Effects;
using MusicGen.Engine.Scores;
using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Rendering;

/// <summary>
/// Renders a <see cref="Score"/> to stereo float PCM in fixed blocks: every part plays into its stem
/// bus (drums, bass, harmony, melody), each bus adds its own reverb and delay, and the buses sum to the
/// pre-master mix. Without stems all parts share one bus. Working memory is a few blocks per part, whatever the length;
/// the streaming overload hands the blocks on instead of keeping the song.
/// </summary>
public static class ScoreRenderer
{
    /// <summary>
    /// Frames per block: 11.6 ms at 44.1 kHz. What a part changes per block (its tone filter's sweep, chorus width, delay
    /// throw, pan drift) moves slowly, over beats, so steps this long stay small; voices, ducking and gates run per sample.
    /// Every part, voice and bus pays a little per block, and half as many blocks as at 256 frames took 4–8 % off the
    /// slower genres' renders.
    /// </summary>
    public const int BlockFrames = 512;

    public static RenderedMix Render(Score score, int sampleRate, bool keepStems, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var frames = FrameCount(score, sampleRate);
        var mix = new float[frames * 2];
        var stems = keepStems ? Enum.GetValues<StemGroup>().ToDictionary(s => s, _ => new float[frames * 2]) : null;
        Render(score, sampleRate, keepStems, block =>
        {
            var offset = (int)(2 * block.Start);
            block.Mix.CopyTo(mix.AsSpan(offset));
            if (stems is not null)
            {
                foreach (var (group, stem) in stems)
                {
                    block.Stem(group).CopyTo(stem.AsSpan(offset));
                }
            }
        }, progress, cancellationToken);
        return new RenderedMix(sampleRate, mix, stems);
    }

    /// <summary>The song's length in frames at <paramref name="sampleRate"/>, after checking that the score can be rendered.</summary>
    public static long FrameCount(Score score, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8000);
        if (!double.IsFinite(score.LengthSeconds) || score.LengthSeconds <= 0 || score.LengthSeconds > 3600)
        {
            throw new ArgumentOutOfRangeException(nameof(score), score.LengthSeconds, "Score length must be between 0 and 3600 seconds.");
        }

        if (!double.IsFinite(score.Bpm) || score.Bpm < 20 || score.Bpm > 400)
        {
            throw new ArgumentOutOfRangeException(nameof(score), score.Bpm, "Score tempo must be between 20 and 400 BPM.");
        }

        return (long)Math.Round(score.LengthSeconds * sampleRate);
    }

    /// <summary>
    /// Renders block by block and hands each <see cref="MixBlock"/> to <paramref name="sink"/> in order, so
    /// that nothing song-long is held here.
    /// </summary>
    /// <param name="placeMix">Where each block's mix is to be written (given its sample count), when the caller keeps the
    /// song: the block then needs no copying there.</param>
    internal static void Render(Score score, int sampleRate, bool keepStems, Action<MixBlock> sink, IProgress<double>? progress, CancellationToken cancellationToken, Func<int, ArraySegment<float>>? placeMix = null)
    {
        var frames = FrameCount(score, sampleRate);
        var sound = GenreSound.For(score.Genre);
        var kickFrames = KickFrames(score, sampleRate);
        // Every sidechained part ducks by the same curve, so they share one ducker, which computes each block once.
        var ducker = kickFrames.Length > 0 ? new SidechainDucker(sampleRate, kickFrames) : null;
        var factory = new VoiceFactory(score.Genre, score.Key, score.Bpm);
        var takes = new NoteTakes(factory, sampleRate);

        // The parts whose voices play below the song's rate keep their takes at that rate: as many seconds in fewer samples.
        var halfRateTakes = new NoteTakes(factory, sampleRate / 2f, NoteTakes.BudgetSamples / 2);
        var quarterRateTakes = new NoteTakes(factory, sampleRate / 4f, NoteTakes.BudgetSamples / 4);
        var players = score.Parts
            .Select((p, i) => new PartPlayer(p, i, score, sampleRate, BlockFrames, ducker, factory, VoiceRates.Divisor(p, score.Genre, sampleRate) switch
            {
                4 => quarterRateTakes,
                2 => halfRateTakes,
                _ => takes,
            }))
            .ToArray();
        var delaySeconds = score.SecondsPerBeat * 0.75;
        // Reverb and delay are linear and every bus has the same settings, so without stems one shared bus
        // gives the same mix (to float rounding) for a quarter of the effects' cost.
        var buses = keepStems
            ? Enum.GetValues<StemGroup>()
                .Select(s => new StemBus(BlockFrames, sampleRate, sound, delaySeconds, sound.VinylCrackle && s == StemGroup.Harmony, (uint)score.Seed ^ (uint)s))
                .ToArray()
            : [new StemBus(BlockFrames, sampleRate, sound, delaySeconds, sound.VinylCrackle, (uint)score.Seed ^ (uint)StemGroup.Harmony)];
        var block = new MixBlock(BlockFrames, keepStems);
        var lastReport = -1;
        for (long start = 0; start < frames; start += BlockFrames)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = (int)Math.Min(BlockFrames, frames - start);
            var beat = start / (double)sampleRate / score.SecondsPerBeat;
            var energy = score.EnergyAt(beat);
            foreach (var bus in buses)
            {
                bus.Begin(count, energy);
            }

            foreach (var player in players)
            {
                player.Render(start, count, buses[keepStems ? (int)player.Part.Stem : 0]);
            }

            block.Start = start;
            block.Frames = count;
            if (placeMix is not null)
            {
                block.Place(placeMix(2 * count));
            }

            var mix = block.Mix;
            for (var s = 0; s < buses.Length; s++)
            {
                var bus = buses[s];
                bus.Finish(count);
                Interleave(bus.Left[..count], bus.Right[..count], mix, keepStems ? block.Stem((StemGroup)s) : default, first: s == 0);
            }

            sink(block);
            var percent = (int)(100 * (start + count) / frames);
            if (progress is not null && percent != lastReport)
            {
                lastReport = percent;
                progress.Report(percent / 100.0);
            }
        }

        takes.Release();
        halfRateTakes.Release();
        quarterRateTakes.Release();
    }

    /// <summary>
    /// Adds the bus's left and right, interleaved, to <paramref name="mix"/> (to zero when <paramref name="first"/>, as
    /// onto a cleared mix) and, when <paramref name="stem"/> is not empty, writes them there.
    /// </summary>
    private static void Interleave(ReadOnlySpan<float> left, ReadOnlySpan<float> right, Span<float> mix, Span<float> stem, bool first)
    {
        var n = 0;
        if (Avx.IsSupported)
        {
            for (; n + Vector256<float>.Count <= left.Length; n += Vector256<float>.Count)
            {
                var l = Vector256.Create<float>(left[n..]);
                var r = Vector256.Create<float>(right[n..]);
                var low = Avx.UnpackLow(l, r);
                var high = Avx.UnpackHigh(l, r);
                var a = Avx.Permute2x128(low, high, 0x20);
                var b = Avx.Permute2x128(low, high, 0x31);
                var at = 2 * n;
                if (!stem.IsEmpty)
                {
                    a.CopyTo(stem[at..]);
                    b.CopyTo(stem[(at + Vector256<float>.Count)..]);
                }

                var (mixA, mixB) = first ? (Vector256<float>.Zero, Vector256<float>.Zero)
                    : (Vector256.Create<float>(mix[at..]), Vector256.Create<float>(mix[(at + Vector256<float>.Count)..]));
                (mixA + a).CopyTo(mix[at..]);
                (mixB + b).CopyTo(mix[(at + Vector256<float>.Count)..]);
            }
        }

        for (; n < left.Length; n++)
        {
            if (!stem.IsEmpty)
            {
                stem[2 * n] = left[n];
                stem[2 * n + 1] = right[n];
            }

            mix[2 * n] = (first ? 0f : mix[2 * n]) + left[n];
            mix[2 * n + 1] = (first ? 0f : mix[2 * n + 1]) + right[n];
        }
    }

    private static long[] KickFrames(Score score, int sampleRate) => score.Parts
        .Where(p => p.Instrument == Instrument.DrumKit)
        .SelectMany(p => p.Notes)
        .Where(n => n.Pitch is 35 or 36)
        .Select(n => (long)Math.Round(score.BeatToSeconds(n.Start) * sampleRate))
        .Distinct()
        .Order()
        .ToArray();
}
