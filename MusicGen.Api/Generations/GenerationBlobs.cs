using MusicGen.Core.Storage;

namespace MusicGen.Api.Generations;

/// <summary>
/// Removes a deleted generation's files from the blob store. Failures are logged, never thrown: the
/// rows are already gone, so the user's delete succeeded, and the orphan sweep removes what is left.
/// </summary>
public sealed partial class GenerationBlobs(IBlobStore store, ILogger<GenerationBlobs> logger)
{
    public async Task DeleteAsync(Guid generationId, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        foreach (var key in keys)
        {
            try
            {
                await store.DeleteAsync(key, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogDeleteFailed(logger, key, generationId, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete blob {Key} of deleted generation {GenerationId}; the orphan sweep will")]
    private static partial void LogDeleteFailed(ILogger logger, string key, Guid generationId, Exception exception);
}
