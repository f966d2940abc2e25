using MusicGen.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MusicGen.Core.Outbox;

/// <summary>
/// Re-sends outbox messages that stayed unsent (the queue was down at commit time, or the process
/// died between commit and send). Several replicas may relay at once: the queue ignores a job id
/// it already has, so a message sent twice still yields one job.
/// </summary>
public sealed partial class OutboxRelay(IServiceScopeFactory scopes, TimeProvider time, ILogger<OutboxRelay> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>How old an unsent message must be before the relay takes it, so it does not race the request that wrote it.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RelayOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRelayFailed(logger, e.Message);
            }
        }
    }

    /// <summary>Sends every due unsent message; returns how many went out.</summary>
    public async Task<int> RelayOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicDbContext>();
        var sender = scope.ServiceProvider.GetRequiredService<OutboxSender>();
        var dueBefore = time.GetUtcNow() - Grace;
        var due = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.SentAt == null && m.CreatedAt <= dueBefore)
            .OrderBy(m => m.CreatedAt)
            .Take(500)
            .ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var message in due)
        {
            if (!await sender.TrySendAsync(message, cancellationToken))
            {
                // The queue is down: stop here and try the rest on the next tick.
                break;
            }

            sent++;
        }

        if (sent > 0)
        {
            LogRelayed(logger, sent);
        }

        return sent;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox relay sent {Count} message(s)")]
    private static partial void LogRelayed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay pass failed: {Reason}")]
    private static partial void LogRelayFailed(ILogger logger, string reason);
}
