using MusicGen.Core.Webhooks;
using Microsoft.Extensions.Options;

namespace MusicGen.Worker.Webhooks;

/// <summary>Runs the <see cref="WebhookDispatcher"/> every <c>Webhooks:PollInterval</c>; every Worker replica may run it at once.</summary>
public sealed partial class WebhookDeliveryService(WebhookDispatcher dispatcher, IOptionsMonitor<WebhookOptions> options, ILogger<WebhookDeliveryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var attempted = 0;
            try
            {
                attempted = await dispatcher.DispatchDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(logger, e.Message);
            }

            // A full batch means more may be due: go again at once.
            if (attempted < options.CurrentValue.BatchSize)
            {
                await Task.Delay(options.CurrentValue.PollInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery pass failed: {Reason}")]
    private static partial void LogPassFailed(ILogger logger, string reason);
}
