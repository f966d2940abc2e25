using MusicGen.Engine.Composition;
using MusicGen.Engine.Encoding;
using MusicGen.Engine.Midi;
using MusicGen.Engine.Prompting;

namespace MusicGen.Engine;

/// <summary>
/// The engine's front door: prompt or plan → brief → one score per variation → rendered, mastered,
/// encoded tracks with analysis, stems and MIDI. Deterministic: the same request gives bit-identical
/// audio; variation <c>i</c> uses seed <c>seed + i</c>, so takes differ.
/// </summary>
public static class MusicEngine
{
    /// <exception cref="ArgumentException">Empty or over-long prompt, length outside 3 s–10 min, unknown output format, a plan outside ElevenLabs' limits, or a variation count outside 1–8.</exception>
    public static GenerationResult Generate(GenerationRequest request, IProgress<GenerationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var format = OutputFormat.Parse(request.OutputFormat);
        if (request.Variations is < 1 or > GenerationRequest.MaxVariations)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Variations, $"Variations must be between 1 and {GenerationRequest.MaxVariations}.");
        }

        var brief = Understand(request);
        var tracks = new GeneratedTrack[request.Variations];
        for (var i = 0; i < tracks.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var variation = i;
            progress?.Report(new GenerationProgress(variation, tracks.Length, "composing", (double)variation / tracks.Length));
            var score = Composer.Compose(brief with { Seed = unchecked(brief.Seed + (ulong)variation) });
            var midi = request.IncludeMidi ? MidiWriter.Write(score) : null;
            var trackProgress = progress is null
                ? null
                : new Relay(p => progress.Report(new GenerationProgress(variation, tracks.Length, p < 0.8 ? "rendering" : "mastering", (variation + p) / tracks.Length)));
            tracks[i] = TrackRenderer.Render(score, format, request.IncludeStems, variation, midi, trackProgress, cancellationToken, request.KeepPcm);
        }

        progress?.Report(new GenerationProgress(tracks.Length - 1, tracks.Length, "done", 1.0));
        return new GenerationResult(brief, tracks);
    }

    /// <summary>The brief a request turns into, without rendering (for showing what was understood).</summary>
    public static MusicBrief Understand(GenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Plan is not null)
        {
            var fromPlan = PromptParser.FromPlan(request.Plan, request.Seed);
            return request.LengthSeconds is { } length ? fromPlan with { LengthSeconds = ValidLength(length) } : fromPlan;
        }

        return PromptParser.Parse(request.Prompt!, request.LengthSeconds, request.Seed);
    }

    private static double ValidLength(double seconds)
    {
        BriefLimits.ValidateLength(seconds, nameof(GenerationRequest.LengthSeconds));
        return seconds;
    }

    private sealed class Relay(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
