namespace MusicGen.Core.Webhooks;

/// <summary>A user's endpoint that receives generation events, signed with <see cref="Secret"/>.</summary>
public sealed class WebhookSubscription
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public required string Url { get; set; }

    public required string Secret { get; set; }

    /// <summary>Comma-separated event names (<c>generation.completed,generation.failed</c>); empty means all.</summary>
    public string Events { get; set; } = "";

    public bool Active { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }
}
