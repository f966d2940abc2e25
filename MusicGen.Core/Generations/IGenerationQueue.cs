namespace MusicGen.Core.Generations;

/// <summary>Where accepted generations go to be rendered. The job id is the generation id, so sending twice is harmless.</summary>
public interface IGenerationQueue
{
    /// <summary>Queues the generation's job; <paramref name="traceParent"/> (W3C) makes its processing part of that trace, else the current activity's.</summary>
    Task EnqueueAsync(Guid generationId, string? traceParent, CancellationToken cancellationToken);

    /// <summary>Puts a failed or canceled generation's job back in line.</summary>
    Task RequeueAsync(Guid generationId, CancellationToken cancellationToken);
}
