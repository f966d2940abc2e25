using System.Diagnostics.Metrics;

namespace MusicGen.Core.Providers;

/// <summary>Meter <c>MusicGen.Providers</c>: failures by provider and error code.</summary>
public static class ProviderMetrics
{
    public const string MeterName = "MusicGen.Providers";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Errors = Meter.CreateCounter<long>("musicgen.provider.errors", "{error}", "Provider failures by provider and error code.");
}
