using MusicGen.Core.Providers;

namespace MusicGen.Worker.Generations;

/// <summary>The blob store could not be written or read: transient, the job retries with backoff.</summary>
public sealed class StorageUnavailableException(string message, Exception inner) : Exception(message, inner)
{
    public string Code => ProviderErrorCodes.StorageUnavailable;
}
