namespace MusicGen.Core.Outbox;

/// <summary>
/// A message saved in the same transaction as the change it announces, and sent after commit;
/// the relay re-sends any that stay unsent, so a Redis outage delays work but never loses it.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>A version-00 traceparent is 55 characters; room for a later version's extra fields.</summary>
    public const int TraceParentMaxLength = 128;

    /// <summary>W3C caps tracestate at 32 list members; 512 characters is what propagators must keep.</summary>
    public const int TraceStateMaxLength = 512;

    public Guid Id { get; set; }

    public required string Type { get; set; }

    /// <summary>The entity the message is about (a generation id for <c>generation.enqueue</c>).</summary>
    public Guid AggregateId { get; set; }

    public required string Payload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    /// <summary>
    /// The W3C <c>traceparent</c> of the request that wrote the message, so a message the relay sends later
    /// still continues that trace (the job, and the Worker's processing, become part of it).
    /// </summary>
    public string? TraceParent { get; set; }

    /// <summary>The W3C <c>tracestate</c> that came with <see cref="TraceParent"/>, if any.</summary>
    public string? TraceState { get; set; }
}
