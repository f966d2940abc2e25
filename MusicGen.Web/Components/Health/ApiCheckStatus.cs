namespace MusicGen.Web.Components.Health;

/// <summary>One of the API's health checks, as the home page lists it.</summary>
public sealed record ApiCheckStatus(string Name, string Status, string? Description);
