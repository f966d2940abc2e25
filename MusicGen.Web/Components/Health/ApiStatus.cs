namespace MusicGen.Web.Components.Health;

/// <summary>What the home page shows about the API.</summary>
public sealed record ApiStatus(ApiState State, string Message, IReadOnlyList<ApiCheckStatus> Checks, DateTimeOffset CheckedAt);
