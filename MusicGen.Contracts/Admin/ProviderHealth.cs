namespace MusicGen.Contracts.Admin;

/// <summary>Whether a provider can be used: <see cref="Configured"/> is false when its API key is missing.</summary>
public sealed record ProviderHealth(string Name, bool Configured, string Detail);
