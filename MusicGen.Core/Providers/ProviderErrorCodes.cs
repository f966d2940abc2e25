namespace MusicGen.Core.Providers;

/// <summary>The error codes a failed generation can carry (<c>generations.error_code</c>).</summary>
public static class ProviderErrorCodes
{
    /// <summary>The generation names a provider this server has no credentials or client for.</summary>
    public const string ProviderNotConfigured = "provider_not_configured";

    /// <summary>The request asks for something the provider cannot do (length, format, lyrics, stems, variations).</summary>
    public const string UnsupportedRequest = "unsupported_request";

    /// <summary>The request itself is invalid (prompt, plan, format).</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary>The provider refused the content.</summary>
    public const string ContentPolicy = "content_policy";

    /// <summary>The provider is down, overloaded or its circuit is open.</summary>
    public const string ProviderUnavailable = "provider_unavailable";

    /// <summary>The provider did not answer in time.</summary>
    public const string ProviderTimeout = "provider_timeout";

    /// <summary>The blob store could not be written.</summary>
    public const string StorageUnavailable = "storage_unavailable";

    /// <summary>The generation stayed unfinished through every recovery try.</summary>
    public const string Stuck = "generation_stuck";

    /// <summary>Anything unclassified.</summary>
    public const string Internal = "internal_error";
}
