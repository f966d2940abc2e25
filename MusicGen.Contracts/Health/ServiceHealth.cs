namespace MusicGen.Contracts.Health;

/// <summary>The body of a MusicGen service's <c>/health</c> and <c>/alive</c> endpoints.</summary>
/// <param name="Status"><c>Healthy</c>, <c>Degraded</c> or <c>Unhealthy</c>.</param>
public sealed record ServiceHealth(string Status, IReadOnlyDictionary<string, ServiceHealthCheck> Checks)
{
    public const string Healthy = "Healthy";

    public bool IsHealthy => string.Equals(Status, Healthy, StringComparison.OrdinalIgnoreCase);
}
