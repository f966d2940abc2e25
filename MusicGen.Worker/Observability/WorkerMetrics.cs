using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MusicGen.Worker.Observability;

/// <summary>
/// Meter and activity source <c>MusicGen.Worker</c>. Jobs per outcome (rate = jobs/s), the latency from
/// submission to the end of a generation by provider and outcome, and the generation queue's depth per state.
/// Provider errors by code are counted by the router (meter <c>MusicGen.Providers</c>).
/// </summary>
public static class WorkerMetrics
{
    public const string Name = "MusicGen.Worker";

    public static readonly ActivitySource Tracing = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Jobs = Meter.CreateCounter<long>("musicgen.worker.jobs", "{job}", "Generation jobs handled, by outcome (completed, failed, retried, canceled, skipped, handed_back).");

    public static readonly Histogram<double> GenerationLatency = Meter.CreateHistogram<double>(
        "musicgen.worker.generation.duration", "s", "From submission to the generation's end, by provider and outcome.");

    public static void Job(string outcome) => Jobs.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public static void Finished(string provider, string outcome, TimeSpan sinceSubmitted) =>
        GenerationLatency.Record(sinceSubmitted.TotalSeconds, new("provider", provider), new("outcome", outcome));

    /// <summary>Registers the queue-depth gauge over the sampler's latest snapshot.</summary>
    public static void ObserveQueueDepth(QueueDepthSampler sampler) =>
        Meter.CreateObservableGauge("musicgen.worker.queue.depth", sampler.Observe, "{job}", "Generation jobs per queue state.");
}
