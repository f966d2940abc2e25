using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MusicGen.Engine;
using MusicGen.Engine.Encoding;
using MusicGen.Engine.Scores;

namespace MusicGen.Cli;

/// <summary><c>musicgen render "prompt" [--length 45s] [--seed 7] [--variations 2] [--format mp3_44100_192] [--stems] [--midi] [--out dir]</c></summary>
public static class RenderCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static Command Create()
    {
        var prompt = new Argument<string>("prompt") { Description = "What to make, e.g. \"dark techno 128 bpm in F minor\"." };
        var length = new Option<string?>("--length", "-l") { Description = "Length: 45s, 2m, 1m30s or 1:30 (3 s to 10 min)." };
        var seed = new Option<ulong?>("--seed", "-s") { Description = "Seed; the same prompt and seed give the same song." };
        var variations = new Option<int>("--variations", "-n") { Description = "Number of takes (1–8).", DefaultValueFactory = _ => 1 };
        var format = new Option<string>("--format", "-f") { Description = "Output format: " + string.Join(", ", OutputFormat.All.Select(f => f.Name)), DefaultValueFactory = _ => "mp3_44100_128" };
        var stems = new Option<bool>("--stems") { Description = "Also write drums, bass, harmony and melody stems." };
        var midi = new Option<bool>("--midi") { Description = "Also write a Standard MIDI File." };
        var output = new Option<string>("--out", "-o") { Description = "Output directory.", DefaultValueFactory = _ => "." };

        var command = new Command("render", "Render a prompt to audio files.") { prompt, length, seed, variations, format, stems, midi, output };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Run(
            new GenerationRequest
            {
                Prompt = parse.GetValue(prompt),
                LengthSeconds = parse.GetValue(length) is { } text ? LengthParser.Parse(text) : null,
                Seed = parse.GetValue(seed),
                Variations = parse.GetValue(variations),
                OutputFormat = parse.GetValue(format) ?? "mp3_44100_128",
                IncludeStems = parse.GetValue(stems),
                IncludeMidi = parse.GetValue(midi),
            },
            parse.GetValue(output) ?? ".",
            cancellationToken)));
        return command;
    }

    private static int Run(GenerationRequest request, string outputDirectory, CancellationToken cancellationToken)
    {
        var brief = MusicEngine.Understand(request);
        OutputFormat.Parse(request.OutputFormat);
        Console.WriteLine($"Understood: {brief.Describe()}");
        foreach (var line in brief.Understood)
        {
            Console.WriteLine($"  - {line}");
        }

        var bar = brief.LengthSeconds * request.Variations >= 60 && !Console.IsErrorRedirected ? new ProgressBar() : null;
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = MusicEngine.Generate(request, bar, cancellationToken);
        bar?.Finish();
        Directory.CreateDirectory(outputDirectory);
        var stem = Slug(brief.Prompt.Length > 0 ? brief.Prompt : GenreNames.Display(brief.Genre));
        foreach (var track in result.Tracks)
        {
            var name = Path.Combine(outputDirectory, $"{stem}-seed{track.Seed}");
            var audioPath = $"{name}.{track.Format.FileExtension}";
            File.WriteAllBytes(audioPath, track.Audio);
            Console.WriteLine($"Wrote {audioPath} ({track.Analysis.DurationSeconds:0.00} s, {track.Analysis.IntegratedLufs:0.0} LUFS, {track.Analysis.TruePeakDbtp:0.0} dBTP)");
            foreach (var (group, bytes) in track.Stems)
            {
                var path = $"{name}-{group.ToString().ToLowerInvariant()}.{track.Format.FileExtension}";
                File.WriteAllBytes(path, bytes);
                Console.WriteLine($"Wrote {path}");
            }

            if (track.Midi is not null)
            {
                File.WriteAllBytes($"{name}.mid", track.Midi);
                Console.WriteLine($"Wrote {name}.mid");
            }

            File.WriteAllText($"{name}.json", JsonSerializer.Serialize(track.Analysis, Json));
            Console.WriteLine($"Wrote {name}.json");
        }

        var audioSeconds = result.Tracks.Sum(t => t.Analysis.DurationSeconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Done in {started.Elapsed.TotalSeconds:0.00} s ({audioSeconds / started.Elapsed.TotalSeconds:0}× real time)."));
        return 0;
    }

    private static string Slug(string text)
    {
        var chars = text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        var slug = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length == 0 ? "song" : slug[..Math.Min(slug.Length, 48)];
    }
}
