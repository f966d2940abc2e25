using System.ComponentModel.DataAnnotations;

namespace MusicGen.ServiceDefaults.Resilience;

/// <summary>
/// Settings of the standard resilience handler, with the defaults of Microsoft.Extensions.Http.Resilience's
/// <c>AddStandardResilienceHandler</c>. Bound from the <c>HttpStandardResilience</c> section; a client may
/// override them through <c>AddStandardResilienceHandler(configure)</c>.
/// </summary>
public sealed class HttpStandardResilienceOptions : IValidatableObject
{
    public const string SectionName = "HttpStandardResilience";

    [Range(1, int.MaxValue)]
    public int RateLimiterPermitLimit { get; set; } = 1000;

    [Range(0, int.MaxValue)]
    public int RateLimiterQueueLimit { get; set; }

    public TimeSpan TotalRequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    [Range(1, 100)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Base delay of the exponential, jittered backoff.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public bool ShouldRetryAfterHeader { get; set; } = true;

    [Range(0.0, 1.0)]
    public double CircuitBreakerFailureRatio { get; set; } = 0.1;

    [Range(2, int.MaxValue)]
    public int CircuitBreakerMinimumThroughput { get; set; } = 100;

    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AttemptTimeout > TotalRequestTimeout)
        {
            yield return new ValidationResult(
                $"AttemptTimeout ({AttemptTimeout}) must not exceed TotalRequestTimeout ({TotalRequestTimeout}).",
                [nameof(AttemptTimeout), nameof(TotalRequestTimeout)]);
        }

        if (CircuitBreakerSamplingDuration < 2 * AttemptTimeout)
        {
            yield return new ValidationResult(
                $"CircuitBreakerSamplingDuration ({CircuitBreakerSamplingDuration}) must be at least twice AttemptTimeout ({AttemptTimeout}).",
                [nameof(CircuitBreakerSamplingDuration), nameof(AttemptTimeout)]);
        }
    }
}
