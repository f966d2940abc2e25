using MusicGen.Engine.Mastering;
using MusicGen.Engine.Rendering;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Tests.Sound;

public sealed class RenderProbe
{
    [Fact(Explicit = true)]
    public void WriteEveryGenre()
    {
        var dir = Environment.GetEnvironmentVariable("PROBE_DIR") ?? "/tmp/probe";
        Directory.CreateDirectory(dir);
        foreach (var genre in Enum.GetValues<Genre>())
        {
            var score = HandScores.Create(genre, 20, 3);
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var mix = ScoreRenderer.Render(score, 44100, false, null, TestContext.Current.CancellationToken);
            var render = sw.Elapsed.TotalMilliseconds;
            var (audio, report) = Master.Process(mix, genre, TestContext.Current.CancellationToken);
            var total = sw.Elapsed.TotalMilliseconds;
            using var file = File.Create(Path.Combine(dir, genre + ".raw"));
            var bytes = new byte[audio.Length * 4];
            Buffer.BlockCopy(audio, 0, bytes, 0, bytes.Length);
            file.Write(bytes);
            TestContext.Current.SendDiagnosticMessage($"{genre}: render {render:0} ms, total {total:0} ms, {report}");
            File.AppendAllText(Path.Combine(dir, "report.txt"), $"{genre}: render {render:0} ms, total {total:0} ms, {report}\n");
        }
    }
}
