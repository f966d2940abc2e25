namespace MusicGen.Web.Components.Health;

public enum ApiState
{
    Healthy,
    Unhealthy,
    Unreachable,
}

/// <summary>What the home page shows about the API.</summary>
public sealed record ApiStatus(ApiState State, string Message, IReadOnlyList<ApiCheckStatus> Checks, DateTimeOffset CheckedAt);

public sealed record ApiCheckStatus(string Name, string Status, string? Description);
