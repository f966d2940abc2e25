namespace MusicGen.Core.Webhooks;

/// <summary>Event names sent to webhooks, in the <c>MusicGen-Event</c> header and the payload's <c>event</c>.</summary>
public static class WebhookEvents
{
    public const string GenerationCompleted = "generation.completed";
    public const string GenerationFailed = "generation.failed";

    /// <summary>Sent only by the test endpoint; every subscription receives it.</summary>
    public const string Ping = "ping";

    /// <summary>The events a subscription may choose from.</summary>
    public static readonly IReadOnlyList<string> Subscribable = [GenerationCompleted, GenerationFailed];

    /// <summary>True when a subscription with this CSV of events (empty: all) wants <paramref name="eventName"/>.</summary>
    public static bool Matches(string subscribedCsv, string eventName) =>
        string.IsNullOrWhiteSpace(subscribedCsv)
        || subscribedCsv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Contains(eventName, StringComparer.Ordinal);
}
