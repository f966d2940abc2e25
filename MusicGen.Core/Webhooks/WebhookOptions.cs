using System.ComponentModel.DataAnnotations;

namespace MusicGen.Core.Webhooks;

/// <summary>Section <c>Webhooks</c>: how events reach users' endpoints, shared by the API (test pings) and the Worker (deliveries).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>
    /// Lets webhooks reach loopback, private, link-local and metadata addresses. For Development and
    /// tests, or a self-hosted install whose receivers live on the same private network.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>How long one attempt may take, connection included.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Webhooks:Timeout must be between 1 second and 5 minutes.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait after the first failed attempt; each further failure doubles it, up to <see cref="RetryMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ErrorMessage = "Webhooks:RetryBaseDelay must be between 1 ms and 1 day.")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ErrorMessage = "Webhooks:RetryMaxDelay must be between 1 ms and 1 day.")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long after its creation a delivery is still retried; after that it is Failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "7.00:00:00", ErrorMessage = "Webhooks:RetryWindow must be between 1 ms and 7 days.")]
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the dispatcher looks for due deliveries.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "Webhooks:PollInterval must be between 10 ms and 10 minutes.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Deliveries one dispatcher sends at the same time.</summary>
    [Range(1, 256)]
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>Deliveries one dispatcher pass claims at most.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>How long a claimed delivery stays with its dispatcher before another replica may take it (a crashed one never finishes).</summary>
    public TimeSpan Lease => Timeout + TimeSpan.FromSeconds(30);
}
