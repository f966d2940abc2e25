using MusicGen.Contracts;

namespace MusicGen.Web.Components.Health;

/// <summary>Asks the API for its health report and turns every outcome into something a person can read.</summary>
public sealed partial class ApiHealthProbe(MusicGenClient client, TimeProvider timeProvider, ILogger<ApiHealthProbe> logger)
{
    public async Task<ApiStatus> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            var health = await client.GetHealthAsync(cancellationToken);
            var checks = health.Checks.Select(c => new ApiCheckStatus(c.Key, c.Value.Status, c.Value.Description)).ToList();
            if (health.IsHealthy)
            {
                return new ApiStatus(ApiState.Healthy, "API healthy", checks, timeProvider.GetUtcNow());
            }

            var failing = checks.Where(c => !string.Equals(c.Status, "Healthy", StringComparison.OrdinalIgnoreCase)).Select(c => c.Name);
            return new ApiStatus(ApiState.Unhealthy, $"API {health.Status.ToLowerInvariant()}: {string.Join(", ", failing)}", checks, timeProvider.GetUtcNow());
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Any failure to get an answer (refused connection, timeout, open circuit, missing
            // service configuration, unreadable body) means the same to the reader: no usable API.
            LogUnreachable(logger, exception);
            return new ApiStatus(ApiState.Unreachable, $"API unreachable: {exception.Message}", [], timeProvider.GetUtcNow());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The API health check failed")]
    private static partial void LogUnreachable(ILogger logger, Exception exception);
}
