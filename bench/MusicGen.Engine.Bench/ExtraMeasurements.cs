using System.Diagnostics;
using MusicGen.Engine.Encoding;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Bench;

/// <summary>
/// Figures BenchmarkDotNet does not give: peak memory of a 10-minute render (fresh process), and our
/// MP3 encoder against the <c>lame</c> command-line encoder on the same 30 s of audio.
/// </summary>
public static class ExtraMeasurements
{
    /// <summary>
    /// Peak working set while rendering <paramref name="takes"/> takes of a <paramref name="seconds"/>-long
    /// house song at once (one thread each, as the Worker renders variations), MP3 192k, no PCM kept.
    /// </summary>
    public static void PeakMemory(double seconds = 600, int takes = 1)
    {
        var format = OutputFormat.Parse("mp3_44100_192");
        var scores = Enumerable.Range(0, takes).Select(i => Songs.Compose(Genre.House, seconds, seed: 3 + (ulong)i)).ToArray();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var tracks = scores.AsParallel().WithDegreeOfParallelism(takes).Select(score => TrackRenderer.Render(score, format, stems: false, keepPcm: false)).ToArray();
        watch.Stop();
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine($"{takes} × {seconds:0} s house render + master + MP3 192k: {watch.Elapsed.TotalSeconds:0.00} s, " +
            $"{tracks.Sum(t => t.Audio.Length) / 1e6:0.0} MB MP3, allocated {allocated / 1e6:0} MB, peak working set {process.PeakWorkingSet64 / 1048576.0:0} MB");
    }

    public static void CompareWithLame()
    {
        var pcm = TrackRenderer.Render(Songs.Compose(Genre.Pop, 30), OutputFormat.Parse("pcm_44100"), stems: false).Pcm;
        var wav = Path.Combine(Path.GetTempPath(), $"musicgen-bench-{Environment.ProcessId}.wav");
        File.WriteAllBytes(wav, WavEncoder.EncodeWav(pcm, 44100, 16));
        try
        {
            // Ours runs LAME at quality 7: compare at the same setting (and at the CLI's default, 3).
            foreach (var quality in new[] { 7, 3 })
            {
                var lame = Time(() => Run("lame", $"--quiet -b 192 -q {quality} \"{wav}\" \"{wav}.mp3\""));
                Console.WriteLine($"lame CLI -b 192 -q {quality} on 30 s: {lame * 1000:0} ms ({30 / lame:0}x real time)");
            }

            Mp3Encoder.Encode(pcm, 44100, 192);
            var ours = Time(() => Mp3Encoder.Encode(pcm, 44100, 192));
            Console.WriteLine($"Mp3Encoder 192 kbps (LAME q=7) on 30 s: {ours * 1000:0} ms ({30 / ours:0}x real time)");
        }
        finally
        {
            File.Delete(wav);
            File.Delete(wav + ".mp3");
        }
    }

    private static double Time(Action action)
    {
        var best = double.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }

        return best;
    }

    private static void Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { UseShellExecute = false })!;
        process.WaitForExit();
    }
}
