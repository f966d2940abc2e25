namespace MusicGen.Core.Webhooks;

/// <summary>Exponential backoff with jitter inside a window that starts when the delivery was created (24 h by default).</summary>
public static class WebhookRetryPolicy
{
    /// <summary>When to try again after <paramref name="attemptsMade"/> failed attempts, or null when the window is over.</summary>
    public static DateTimeOffset? NextAttempt(WebhookOptions options, DateTimeOffset createdAt, int attemptsMade, DateTimeOffset now)
    {
        var exponent = Math.Min(attemptsMade - 1, 30);
        var delay = TimeSpan.FromTicks((long)Math.Min(options.RetryBaseDelay.Ticks * Math.Pow(2, exponent), options.RetryMaxDelay.Ticks));

        // ±20 % so that the deliveries of one outage do not all come back at the same instant.
        delay *= 0.8 + (Random.Shared.NextDouble() * 0.4);
        var next = now + delay;
        return next <= createdAt + options.RetryWindow ? next : null;
    }
}
