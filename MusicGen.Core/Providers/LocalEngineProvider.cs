using MusicGen.Core.Generations;
using MusicGen.Engine;
using MusicGen.Engine.Encoding;
using Microsoft.Extensions.Options;

namespace MusicGen.Core.Providers;

/// <summary>
/// The <c>local</c> provider: MusicGen.Engine in this process. Each variation is its own engine request
/// (<see cref="EngineRequests.ForVariant"/>, so a later re-render of another format is bit-identical), and
/// the variations render in parallel within a process-wide budget of <see cref="LocalEngineOptions.MaxParallelRenders"/>.
/// </summary>
public sealed class LocalEngineProvider(IOptions<LocalEngineOptions> options) : IMusicProvider
{
    public const string ProviderName = "local";

    private readonly SemaphoreSlim _budget = new(options.Value.MaxParallelRenders);

    public string Name => ProviderName;

    public ProviderCapabilities Capabilities { get; } = new(
        MinLengthMs: 3_000,
        MaxLengthMs: 600_000,
        OutputFormats: OutputFormat.All.Select(f => f.Name).ToHashSet(StringComparer.Ordinal),
        MaxVariationsPerCall: GenerationRequest.MaxVariations,
        Lyrics: false,
        Stems: true);

    public async Task<IReadOnlyList<ProvidedTrack>> GenerateAsync(Generation generation, IProgress<ProviderProgress> progress, CancellationToken cancellationToken)
    {
        // Build every request first, so an invalid plan or format fails before any render starts.
        var requests = Enumerable.Range(0, generation.Variations).Select(v => EngineRequests.ForVariant(generation, v, midi: true)).ToArray();
        var fractions = new double[requests.Length];
        var stages = new string[requests.Length];
        Array.Fill(stages, "composing");

        void Report(int variant, GenerationProgress p)
        {
            lock (fractions)
            {
                fractions[variant] = p.Fraction;
                stages[variant] = p.Stage switch { "mastering" or "done" => "encoding", var s => s };
                var stage = stages.Contains("composing") ? "composing" : stages.Contains("rendering") ? "rendering" : "encoding";
                progress.Report(new ProviderProgress(stage, fractions.Average()));
            }
        }

        var renders = requests.Select((request, variant) => RenderAsync(request, variant, Report, cancellationToken)).ToArray();
        return await Task.WhenAll(renders);
    }

    private async Task<ProvidedTrack> RenderAsync(GenerationRequest request, int variant, Action<int, GenerationProgress> report, CancellationToken cancellationToken)
    {
        await _budget.WaitAsync(cancellationToken);
        try
        {
            // A render keeps a core busy for seconds: on a thread of its own, not the pool's, so that the queue's lock
            // heartbeats, Redis replies and progress reports still get a pool thread while every core is rendering.
            var result = await Task.Factory.StartNew(
                () => MusicEngine.Generate(request, new Progress(p => report(variant, p)), cancellationToken),
                cancellationToken,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
            var track = result.Tracks[0];
            var analysis = track.Analysis;
            return new ProvidedTrack(
                variant,
                track.Audio,
                track.Format.FileExtension,
                track.Format.ContentType,
                track.Midi,
                analysis.DurationSeconds,
                analysis.Bpm,
                analysis.Key,
                analysis.Sections,
                analysis.WaveformPeaks,
                analysis.IntegratedLufs,
                analysis.TruePeakDbtp);
        }
        finally
        {
            _budget.Release();
        }
    }

    /// <summary>Reports synchronously on the rendering thread (System.Progress would post to the thread pool out of order).</summary>
    private sealed class Progress(Action<GenerationProgress> report) : IProgress<GenerationProgress>
    {
        public void Report(GenerationProgress value) => report(value);
    }
}
