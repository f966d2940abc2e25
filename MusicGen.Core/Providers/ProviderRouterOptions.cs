using System.ComponentModel.DataAnnotations;

namespace MusicGen.Core.Providers;

/// <summary>Limits the router applies to every provider (section <c>Providers:Router</c>).</summary>
public sealed class ProviderRouterOptions
{
    public const string SectionName = "Providers:Router";

    /// <summary>Calls in flight per provider; others wait their turn. Defaults to the processor count.</summary>
    [Range(1, 1024)]
    public int MaxConcurrency { get; set; } = Environment.ProcessorCount;

    /// <summary>Per-provider overrides of <see cref="MaxConcurrency"/>, keyed by provider name.</summary>
    public Dictionary<string, int> ConcurrencyOverrides { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Transient failures in a row that open a provider's circuit.</summary>
    [Range(1, 1000)]
    public int FailureThreshold { get; set; } = 5;

    /// <summary>How long an open circuit refuses calls before one trial goes through.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest one provider call may take before it counts as a transient timeout.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromMinutes(20);

    public int ConcurrencyOf(string provider) => ConcurrencyOverrides.TryGetValue(provider, out var limit) && limit > 0 ? limit : MaxConcurrency;
}
