namespace MusicGen.ServiceDefaults.Resilience;

/// <summary>The client already has as many requests in flight as its rate limiter permits.</summary>
public sealed class ConcurrencyLimitRejectedException(string clientName, int permitLimit)
    : InvalidOperationException($"HttpClient '{clientName}' already has {permitLimit} requests in flight; the request was rejected without being sent.");
