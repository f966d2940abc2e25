namespace MusicGen.Contracts.Health;

/// <summary>One health check of a service: its status and, when it failed, why.</summary>
public sealed record ServiceHealthCheck(string Status, string? Description, double DurationMs);
