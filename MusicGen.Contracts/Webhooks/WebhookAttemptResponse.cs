namespace MusicGen.Contracts.Webhooks;

public sealed record WebhookAttemptResponse(int Number, DateTimeOffset AttemptedAt, int? ResponseStatus, string? Error, int DurationMs);
