namespace MusicGen.Core.Outbox;

public static class OutboxMessageTypes
{
    /// <summary>Put the generation named by <see cref="OutboxMessage.AggregateId"/> on the queue.</summary>
    public const string EnqueueGeneration = "generation.enqueue";
}
