namespace MusicGen.Core.Generations;

public enum GenerationStatus
{
    Queued,
    Generating,
    Completed,
    Failed,
    Canceled,
}
