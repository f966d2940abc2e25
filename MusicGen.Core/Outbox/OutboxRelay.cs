using MusicGen.Core.Data;
using MusicGen.Core.Leases;
using MusicGen.Redis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MusicGen.Core.Outbox;

/// <summary>
/// Re-sends outbox messages that stayed unsent (the queue was down at commit time, or the process
/// died between commit and send). One replica relays at a time (lease <c>outbox-relay</c>); should two
/// overlap anyway, the queue ignores a job id it already has, so a message sent twice still yields one job.
/// </summary>
public sealed partial class OutboxRelay(IServiceScopeFactory scopes, RedisClient redis, TimeProvider time, ILogger<OutboxRelay> logger)
    : LeasedBackgroundService(redis, time, logger)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(2);

    /// <summary>How old an unsent message must be before the relay takes it, so it does not race the request that wrote it.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    protected override string LeaseName => "outbox-relay";

    protected override TimeSpan Interval => DefaultInterval;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken) => await RelayOnceAsync(cancellationToken);

    /// <summary>Sends every due unsent message; returns how many went out.</summary>
    public async Task<int> RelayOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicDbContext>();
        var sender = scope.ServiceProvider.GetRequiredService<OutboxSender>();
        var dueBefore = Time.GetUtcNow() - Grace;
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
            LogRelayed(Logger, sent);
        }

        return sent;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox relay sent {Count} message(s)")]
    private static partial void LogRelayed(ILogger logger, int count);
}
