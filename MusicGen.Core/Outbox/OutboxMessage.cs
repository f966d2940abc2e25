namespace MusicGen.Core.Outbox;

/// <summary>
/// A message saved in the same transaction as the change it announces, and sent after commit;
/// the relay re-sends any that stay unsent, so a Redis outage delays work but never loses it.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    public required string Type { get; set; }

    /// <summary>The entity the message is about (a generation id for <c>generation.enqueue</c>).</summary>
    public Guid AggregateId { get; set; }

    public required string Payload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}
