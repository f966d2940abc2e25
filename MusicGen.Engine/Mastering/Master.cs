using MusicGen.Engine.Effects;
using MusicGen.Engine.Rendering;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Mastering;

/// <summary>
/// The master bus: DC blocking and genre tone, clean fades, glue compression, then loudness
/// normalisation to −14 LUFS integrated (our BS.1770-4 meter) through a true-peak lookahead limiter
/// with its ceiling below −1 dBTP.
/// </summary>
/// <remarks>
/// Every stage runs in song order over chunks of a <see cref="SampleStore"/>: <see cref="MasterTone"/>
/// while the song renders, <see cref="FindGain"/> (glue in place, then the gain search) and
/// <see cref="Limit"/>, which hands the finished samples to a sink instead of keeping them. So the same
/// code masters a song held in memory and one spilled to a temporary file, with the same numbers. The song
/// is K-weighted twice: after the tone stage (the search's estimates scale that) and as it leaves the limiter,
/// and it goes through the limiter once, unless the limiter works hard enough for its model to be checked.
/// </remarks>
public static class Master
{
    public const double TargetLufs = -14.0;

    /// <summary>Internal ceiling, a little under the −1 dBTP promise so other meters' interpolators agree.</summary>
    public const double CeilingDbtp = -1.5;

    /// <summary>How close to the target (LU) the gain search stops.</summary>
    private const double Tolerance = 0.05;

    /// <summary>Measured error (LU) under which the next gain step is taken without measuring it.</summary>
    private const double AcceptedError = 0.3;

    /// <summary>How close to the target (LU) the search on the limiter model stops: the model costs next to nothing.</summary>
    private const double ModelTolerance = 0.001;

    /// <summary>
    /// Loudness (LU) the limiter may take away before its model is checked against passes of the real limiter. The
    /// model sees at least four fifths of the loss (MasterGainTests), and the genres' songs lose at most about 0.15 LU,
    /// which it reads within 0.02 LU.
    /// </summary>
    private const double TrustedModelLoss = 0.25;

    /// <summary>Masters a copy of the mix (the mix stays as rendered).</summary>
    public static (float[] Audio, MasteringReport Report) Process(RenderedMix mix, Genre genre, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mix);
        return ProcessInPlace(mix with { Mix = (float[])mix.Mix.Clone() }, genre, cancellationToken);
    }

    /// <summary>Masters the mix's own buffer and returns it: no second song-long buffer.</summary>
    public static (float[] Audio, MasteringReport Report) ProcessInPlace(RenderedMix mix, Genre genre, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mix);
        var audio = mix.Mix;
        var tone = new MasterTone(mix.SampleRate, mix.Frames, GenreSound.For(genre));
        tone.Process(audio);
        using var store = new MemorySampleStore(audio);
        var gain = FindGain(store, mix.SampleRate, tone.Meter, cancellationToken);

        // The limiter's output lags its input, so writing it back over the samples already read is safe.
        var output = new InPlaceOutput(audio, mix.SampleRate);
        Limit(store, mix.SampleRate, gain, output, cancellationToken);
        return (audio, new MasteringReport(output.Loudness.IntegratedLufs, output.TruePeak.Finish(), gain.TotalDb));
    }

    /// <summary>
    /// Pre-gain to −18 LUFS and glue compression (in place), then the limiter gain that lands the limited
    /// song on <see cref="TargetLufs"/>, found on a model of the limiter (<see cref="LimiterModel"/>).
    /// </summary>
    /// <remarks>
    /// Only <paramref name="tone"/> and the last pass's meter K-weight the song. The search in between
    /// estimates: each 100 ms hop's K-weighted energy after <see cref="MasterTone"/>, scaled by how much the
    /// hop's plain energy changed through glue and limiter (<see cref="LoudnessMeter.EstimateAfter"/>). Both
    /// stages' gains move slowly against the K-weighting's memory, so across the genres the estimate stays
    /// within 0.01 LU of the measured loudness at a small fraction of a meter's cost. The limiter's part comes
    /// from the model, which needs no pass over the samples; where the limiter takes away more than
    /// <see cref="TrustedModelLoss"/>, passes of the real limiter refine the model's gain.
    /// </remarks>
    /// <param name="tone">The loudness after <see cref="MasterTone"/>.</param>
    internal static MasterGain FindGain(SampleStore audio, int sampleRate, LoudnessMeter tone, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var toneLufs = tone.IntegratedLufs;
        if (!double.IsFinite(toneLufs))
        {
            throw new ArgumentException("The score produced no audible sound: give it at least one part with notes.");
        }

        var preGain = (float)Math.Pow(10.0, (-18.0 - toneLufs) / 20.0);
        var glue = new Compressor(sampleRate, -10f, 2f, 6f, 15f, 200f);
        var toned = new HopPower(sampleRate);
        var model = new LimiterModel(sampleRate);
        for (long start = 0; start < audio.Length; start += SampleStore.ChunkSamples)
        {
            var block = audio.Chunk(start, audio.ChunkLength(start));
            toned.Add(block);
            SampleMath.Scale(block, preGain);
            glue.Process(block);
            model.Add(block);
            audio.Commit(start, block);
        }

        cancellationToken.ThrowIfCancellationRequested();

        // The limiter takes back part of any gain increase, so converge on the gain that lands the limited song on
        // target: first on the model, from the gain that would land the song there without a limiter.
        var release = LookaheadLimiter.DefaultReleaseMs / 1000.0;
        double Through(double db, double ceiling) =>
            tone.EstimateAfter(toned, model.Limited(Math.Pow(10.0, db / 20.0), ceiling, release, sampleRate));
        double Modelled(double db) => Through(db, Math.Pow(10.0, CeilingDbtp / 20.0));
        var unlimited = Through(0.0, double.PositiveInfinity);
        var gainDb = Converge(Modelled, TargetLufs - unlimited, 1.0, ModelTolerance, 12, acceptedError: 0.0);
        if (unlimited + gainDb - Modelled(gainDb) > TrustedModelLoss)
        {
            // Then on the real limiter, from the model's gain and slope (a limiter working hard gives back little
            // loudness per dB). A step from within AcceptedError lands within about Tolerance when the slope is within
            // a fifth of the song's own, so it is taken without another pass.
            var slope = (Modelled(gainDb + 0.25) - Modelled(gainDb - 0.25)) / 0.5;
            double Limited(double db) => LimitedLoudness(audio, sampleRate, db, tone, toned, cancellationToken);
            gainDb = Converge(Limited, gainDb, slope, Tolerance, 4, AcceptedError);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return new MasterGain(preGain, gainDb);
    }

    /// <summary>
    /// Secant steps on <paramref name="loudness"/> (of the gain in dB) towards <see cref="TargetLufs"/>, from
    /// <paramref name="gainDb"/> and an estimated <paramref name="slope"/>: until within <paramref name="tolerance"/>,
    /// or after one more step once within <paramref name="acceptedError"/>, or after <paramref name="steps"/> readings.
    /// </summary>
    private static double Converge(Func<double, double> loudness, double gainDb, double slope, double tolerance, int steps, double acceptedError)
    {
        slope = Math.Clamp(slope, 0.05, 1.0);
        var (previousGain, previousError) = (double.NaN, double.NaN);
        for (var step = 0; step < steps; step++)
        {
            var error = TargetLufs - loudness(gainDb);
            if (Math.Abs(error) < tolerance)
            {
                break;
            }

            if (!double.IsNaN(previousGain) && gainDb != previousGain)
            {
                slope = Math.Clamp((previousError - error) / (gainDb - previousGain), 0.05, 1.0);
            }

            (previousGain, previousError) = (gainDb, error);
            gainDb += error / slope;
            if (Math.Abs(error) < acceptedError)
            {
                break;
            }
        }

        return gainDb;
    }

    /// <summary>
    /// The last pass: limits the glued song at the found gain and writes the result, aligned (the
    /// limiter's latency removed) and as long as the input, to <paramref name="output"/>.
    /// </summary>
    /// <param name="consume">Limit the store's chunks where they lie, leaving it spent: the take's last pass, which saves
    /// copying each chunk aside (else the store stays as it was, for the next trial gain).</param>
    internal static void Limit(SampleStore audio, int sampleRate, MasterGain gain, ISampleSink output, CancellationToken cancellationToken, bool consume = false)
    {
        var limiter = new LookaheadLimiter(sampleRate, CeilingDbtp);
        var linear = (float)Math.Pow(10.0, gain.LimiterGainDb / 20.0);
        var latency = (int)Math.Min(limiter.Latency * 2, audio.Length);
        var skip = latency;
        var scratch = new float[consume ? latency : SampleStore.ChunkSamples];
        for (long start = 0; start < audio.Length; start += SampleStore.ChunkSamples)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = audio.ChunkLength(start);
            var block = consume ? audio.Chunk(start, count) : scratch.AsSpan(0, count);
            if (!consume)
            {
                audio.Chunk(start, count).CopyTo(block);
            }

            limiter.Process(block, linear);
            var drop = Math.Min(skip, count);
            skip -= drop;
            if (drop < count)
            {
                output.Write(block[drop..]);
            }
        }

        var tail = scratch.AsSpan(0, latency);
        limiter.Flush(tail);
        output.Write(tail);
    }

    /// <summary>
    /// Estimated loudness of the song <see cref="Limit"/> would write at this gain, without touching the audio
    /// (<paramref name="toned"/>: the plain energy per hop after <see cref="MasterTone"/>).
    /// </summary>
    private static double LimitedLoudness(SampleStore audio, int sampleRate, double gainDb, LoudnessMeter tone, HopPower toned, CancellationToken cancellationToken)
    {
        var limited = new PowerOnly(sampleRate);
        Limit(audio, sampleRate, new MasterGain(1f, gainDb), limited, cancellationToken);
        return tone.EstimateAfter(toned, limited.Power);
    }

    private sealed class PowerOnly(int sampleRate) : ISampleSink
    {
        public HopPower Power { get; } = new(sampleRate);

        public void Write(ReadOnlySpan<float> interleaved) => Power.Add(interleaved);
    }

    /// <summary>Writes the mastered song back into its own buffer and measures it.</summary>
    private sealed class InPlaceOutput(float[] audio, int sampleRate) : ISampleSink
    {
        private int written;

        public LoudnessMeter Loudness { get; } = new(sampleRate);

        public TruePeakMeter TruePeak { get; } = new();

        public void Write(ReadOnlySpan<float> interleaved)
        {
            interleaved.CopyTo(audio.AsSpan(written));
            written += interleaved.Length;
            Loudness.Add(interleaved);
            TruePeak.Add(interleaved);
        }
    }
}
