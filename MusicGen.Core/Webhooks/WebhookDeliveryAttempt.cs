namespace MusicGen.Core.Webhooks;

/// <summary>One try at sending a <see cref="WebhookDelivery"/>: every attempt is kept for the delivery log.</summary>
public sealed class WebhookDeliveryAttempt
{
    public Guid Id { get; set; }

    public Guid DeliveryId { get; set; }

    /// <summary>1 for the first attempt.</summary>
    public int Number { get; set; }

    public DateTimeOffset AttemptedAt { get; set; }

    public int? ResponseStatus { get; set; }

    public string? Error { get; set; }

    public int DurationMs { get; set; }
}
