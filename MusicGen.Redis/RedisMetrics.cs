using System.Diagnostics.Metrics;

namespace MusicGen.Redis;

/// <summary>The client's and the queue's instruments, on the meter "MusicGen.Redis".</summary>
public static class RedisMetrics
{
    public const string MeterName = "MusicGen.Redis";

    private static readonly Meter Meter = new(MeterName);

    internal static readonly Counter<long> Commands = Meter.CreateCounter<long>("musicgen.redis.commands", description: "Commands sent");

    internal static readonly Counter<long> Errors = Meter.CreateCounter<long>("musicgen.redis.errors", description: "Server error replies");

    internal static readonly Counter<long> Reconnects = Meter.CreateCounter<long>("musicgen.redis.reconnects", description: "Connections re-established after a loss");

    internal static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("musicgen.redis.command.duration", "ms", "Time from send to reply");

    internal static readonly Counter<long> JobsCompleted = Meter.CreateCounter<long>("musicgen.redis.jobs.completed");

    internal static readonly Counter<long> JobsFailed = Meter.CreateCounter<long>("musicgen.redis.jobs.failed");

    internal static readonly Counter<long> JobsRetried = Meter.CreateCounter<long>("musicgen.redis.jobs.retried");
}
