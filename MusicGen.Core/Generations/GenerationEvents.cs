namespace MusicGen.Core.Generations;

/// <summary>
/// The Redis pub/sub channel a generation's progress goes out on. The Worker publishes a
/// <c>MusicGen.Contracts.Generations.GenerationEvent</c> as JSON (web casing) on every stage or percent
/// change and on the terminal status; the API's SSE endpoint relays them.
/// </summary>
public static class GenerationEvents
{
    public static string Channel(Guid generationId) => $"mg:events:{generationId}";

    /// <summary>The API's cached read of a generation; whoever changes the generation deletes it.</summary>
    public static string StatusCacheKey(Guid generationId) => $"mg:status:{generationId}";
}
