namespace MusicGen.Contracts.Seed;

/// <summary>The earlier service's response envelope: <c>{success, data, message}</c>.</summary>
public sealed record SeedEnvelope<T>(bool Success, T? Data, string Message);
