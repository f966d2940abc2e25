using System.Collections.Concurrent;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace MusicGen.ServiceDefaults.Resilience;

/// <summary>
/// One pipeline per named HttpClient, shared by all of that client's handlers so the circuit breaker and
/// concurrency limit survive handler rotation. Order, outer to inner, as in Microsoft.Extensions.Http.Resilience:
/// rate limiter → total timeout → retry → circuit breaker → attempt timeout.
/// </summary>
public sealed class StandardResiliencePipelines(IOptionsMonitor<HttpStandardResilienceOptions> options, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, Lazy<StandardResiliencePipeline>> _pipelines = new(StringComparer.Ordinal);

    public StandardResiliencePipeline Get(string clientName) =>
        _pipelines.GetOrAdd(clientName, name => new Lazy<StandardResiliencePipeline>(() => Create(name))).Value;

    private StandardResiliencePipeline Create(string clientName)
    {
        var settings = options.Get(clientName);
        var limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = settings.RateLimiterPermitLimit,
            QueueLimit = settings.RateLimiterQueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });

        var pipeline = Build(clientName, settings, timeProvider);
        return new StandardResiliencePipeline(clientName, settings.RateLimiterPermitLimit, limiter, pipeline);
    }

    /// <summary>Builds the pipeline; Polly validates its strategies here and throws <see cref="System.ComponentModel.DataAnnotations.ValidationException"/>.</summary>
    public static ResiliencePipeline<HttpResponseMessage> Build(string clientName, HttpStandardResilienceOptions settings, TimeProvider timeProvider)
    {
        return new ResiliencePipelineBuilder<HttpResponseMessage> { Name = $"{clientName}-standard", TimeProvider = timeProvider }
            .AddTimeout(new TimeoutStrategyOptions { Name = "Standard-TotalRequestTimeout", Timeout = settings.TotalRequestTimeout })
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "Standard-Retry",
                MaxRetryAttempts = settings.MaxRetryAttempts,
                Delay = settings.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(settings.ShouldRetryAfterHeader ? RetryAfter(args.Outcome.Result, timeProvider) : null),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                Name = "Standard-CircuitBreaker",
                FailureRatio = settings.CircuitBreakerFailureRatio,
                MinimumThroughput = settings.CircuitBreakerMinimumThroughput,
                SamplingDuration = settings.CircuitBreakerSamplingDuration,
                BreakDuration = settings.CircuitBreakerBreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
            })
            .AddTimeout(new TimeoutStrategyOptions { Name = "Standard-AttemptTimeout", Timeout = settings.AttemptTimeout })
            .Build();
    }

    /// <summary>5xx, 408, 429, a failed connection or an attempt that timed out (HttpClientResiliencePredicates).</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500
            || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests,
        _ => false,
    };

    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider timeProvider) => response?.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > timeProvider.GetUtcNow() ? date - timeProvider.GetUtcNow() : TimeSpan.Zero,
        _ => null,
    };
}
