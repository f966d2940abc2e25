namespace MusicGen.Contracts.Admin;

public sealed record FailedGeneration(Guid Id, Guid UserId, string Name, string Provider, string? ErrorCode, string? ErrorMessage, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? FailedAt);
