namespace MusicGen.Core.Generations;

/// <summary>Where accepted generations go to be rendered. The job id is the generation id, so sending twice is harmless.</summary>
public interface IGenerationQueue
{
    Task EnqueueAsync(Guid generationId, CancellationToken cancellationToken);

    /// <summary>Puts a failed or canceled generation's job back in line.</summary>
    Task RequeueAsync(Guid generationId, CancellationToken cancellationToken);
}
