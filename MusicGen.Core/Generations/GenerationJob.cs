namespace MusicGen.Core.Generations;

/// <summary>The payload of a job on the <c>generation</c> queue: the worker reads everything else from the database.</summary>
public sealed record GenerationJob(Guid GenerationId)
{
    public const string QueueName = "generation";
}
