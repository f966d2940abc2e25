using System.Diagnostics;
using MusicGen.Engine.Analysis;
using MusicGen.Engine.Effects;
using MusicGen.Engine.Encoding;
using MusicGen.Engine.Mastering;
using MusicGen.Engine.Rendering;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Bench;

/// <summary>
/// Where a render's time goes: compose, render, master, encode and analysis per genre, then each part
/// rendered alone. Best CPU time of a few runs after a warm-up, single thread; a quick look, not a benchmark.
/// </summary>
public static class StageProfile
{
    public static void Run(string[] args)
    {
        var seconds = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30;
        // Genre names, or one prompt in quotes (e.g. the Worker bench's "melancholic lo-fi piano, 80 bpm, rain").
        var songs = args.Length <= 2 ? Enum.GetValues<Genre>().Select(g => (Name: g.ToString(), Prompt: GenreNames.Display(g)))
            : args[2].Split(',').All(name => Enum.TryParse<Genre>(name, out _)) ? args[2].Split(',').Select(name => (Name: name, Prompt: GenreNames.Display(Enum.Parse<Genre>(name))))
            : [(Name: "prompt", Prompt: args[2])];
        var pcm = OutputFormat.Parse("pcm_44100");
        var mp3 = OutputFormat.Parse("mp3_44100_128");
        Console.WriteLine($"{"genre",-15} {"compose",8} {"render",8} {"master",8} {"pcm",8} {"mp3",8} {"analyse",8} {"total",8} {"take",8}  (ms, {seconds} s song)");
        foreach (var (name, prompt) in songs)
        {
            var score = Songs.Compose(prompt, seconds);
            var genre = score.Genre;
            var compose = Best(() => Songs.Compose(prompt, seconds));
            var mix = ScoreRenderer.Render(score, 44100, keepStems: false);
            var render = Best(() => ScoreRenderer.Render(score, 44100, keepStems: false));
            var mastered = Master.Process(mix, genre);
            var master = Best(() => Master.Process(mix, genre));
            // --quick: render and master only (the encoders and the take are left out).
            var quick = args.Contains("--quick");
            var encodePcm = quick ? 0 : Best(() => AudioEncoder.Encode(mastered.Audio, pcm));
            var encodeMp3 = quick ? 0 : Best(() => AudioEncoder.Encode(mastered.Audio, mp3));
            var analyse = quick ? 0 : Best(() => TrackAnalysis.Create(score, mastered.Audio, 44100, mastered.Report));

            // The whole take as the Worker asks for it (render, master, MP3, analysis; no PCM kept): the stages above run fused here.
            var take = quick ? 0 : Best(() => TrackRenderer.Render(score, mp3, stems: false, keepPcm: false));
            Console.WriteLine($"{name,-15} {compose,8:0.0} {render,8:0.0} {master,8:0.0} {encodePcm,8:0.0} {encodeMp3,8:0.0} {analyse,8:0.0} {compose + render + master + encodeMp3 + analyse,8:0.0} {take,8:0.0}");
            if (args.Contains("--fx"))
            {
                var blocks = (int)(seconds * 44100 / 256);
                var send = new float[256];
                var noise = new Synthesis.Noise(1);
                for (var i = 0; i < send.Length; i++)
                {
                    send[i] = noise.Next() * 0.1f;
                }

                var l = new float[256];
                var r = new float[256];
                var reverb = Best(() =>
                {
                    var fx = new Freeverb(44100, 0.8f, 0.4f);
                    for (var b = 0; b < blocks; b++)
                    {
                        fx.Process(send, send, l, r);
                    }
                });
                var delay = Best(() =>
                {
                    var fx = new StereoDelay(44100, 0.35, 0.4f);
                    for (var b = 0; b < blocks; b++)
                    {
                        fx.Process(send, send, l, r);
                    }
                });
                Console.WriteLine($"    effects over the song: reverb {reverb:0.0} ms, delay {delay:0.0} ms");
            }

            if (args.Contains("--master"))
            {
                var audio = mastered.Audio;
                var report = mastered.Report;
                Console.WriteLine($"    mastered to {report.IntegratedLufs:0.000} LUFS, {report.TruePeakDbtp:0.000} dBTP (gain {report.GainDb:0.00} dB)");
                var meter = Best(() => LoudnessMeter.Measure(audio, 44100));
                var truePeak = Best(() => TruePeakDetector.MeasureDbtp(audio));
                var limit = Best(() => new LookaheadLimiter(44100, Master.CeilingDbtp).Process((float[])audio.Clone(), 1.05f));
                var copy = Best(() => audio.Clone());
                var glue = Best(() => new Compressor(44100, -10f, 2f, 6f, 15f, 200f).Process((float[])audio.Clone()));
                Console.WriteLine($"    master passes: meter {meter:0.0}, true peak {truePeak:0.0}, limiter at +0.4 dB {limit - copy:0.0}, glue {glue - copy:0.0}, copy {copy:0.0} ms");
            }

            if (args.Contains("--parts"))
            {
                foreach (var part in score.Parts)
                {
                    var alone = score with { Parts = [part] };
                    var time = Best(() => ScoreRenderer.Render(alone, 44100, keepStems: false));
                    var dry = score with { Parts = [part with { ReverbSend = 0, DelaySend = 0 }] };
                    var dryTime = Best(() => ScoreRenderer.Render(dry, 44100, keepStems: false));
                    Console.WriteLine($"    {part.Name,-20} {part.Instrument,-16} {part.Notes.Count,6} notes {time,8:0.0} ms, without sends {dryTime,8:0.0} ms");
                }

                var empty = score with { Parts = [] };
                Console.WriteLine($"    {"(no parts: buses)",-20} {"",-16} {"",6}       {Best(() => ScoreRenderer.Render(empty, 44100, keepStems: false)),8:0.0} ms");
            }
        }
    }

    private static double Best(Action action, int runs = 3)
    {
        // CPU time rather than wall time: the machine is shared, and this work runs on one thread.
        action();
        var best = double.MaxValue;
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            process.Refresh();
            var before = process.TotalProcessorTime;
            action();
            process.Refresh();
            best = Math.Min(best, (process.TotalProcessorTime - before).TotalMilliseconds);
        }

        return best;
    }
}
