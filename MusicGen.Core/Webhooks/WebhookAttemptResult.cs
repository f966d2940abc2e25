namespace MusicGen.Core.Webhooks;

/// <summary>
/// How one attempt ended. <see cref="Permanent"/> failures (an address webhooks may not reach, a
/// malformed URL) are not retried: trying again cannot succeed.
/// </summary>
public sealed record WebhookAttemptResult(bool Succeeded, int? ResponseStatus, string? Error, bool Permanent, TimeSpan Duration);
