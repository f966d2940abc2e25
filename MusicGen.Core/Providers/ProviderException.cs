namespace MusicGen.Core.Providers;

/// <summary>
/// A provider failure with a code a client can act on. <see cref="Transient"/> failures are retried with
/// backoff; permanent ones fail the generation at once.
/// </summary>
public sealed class ProviderException(string code, string message, bool transient, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;

    public bool Transient { get; } = transient;

    public static ProviderException Permanent(string code, string message, Exception? inner = null) => new(code, message, false, inner);

    public static ProviderException Unavailable(string message, Exception? inner = null) => new(ProviderErrorCodes.ProviderUnavailable, message, true, inner);
}
