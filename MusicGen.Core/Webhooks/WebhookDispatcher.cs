using MusicGen.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MusicGen.Core.Webhooks;

/// <summary>
/// Sends due webhook deliveries. Safe with several replicas: a delivery is claimed by one
/// conditional UPDATE (still Pending, still due) that moves its <c>next_attempt_at</c> past the
/// attempt's lease and bumps <c>attempts</c>; the outcome is written only if <c>attempts</c> is still
/// the claimed number, so a replica whose lease ran out cannot overwrite the next one's result.
/// A replica killed mid-attempt leaves the row to be claimed again once the lease is over.
/// </summary>
public sealed partial class WebhookDispatcher(
    IServiceScopeFactory scopes,
    WebhookSender sender,
    IOptionsMonitor<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger)
{
    /// <summary>Claims and sends up to a batch of due deliveries; returns how many were attempted.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MusicDbContext>();
            var now = time.GetUtcNow();
            due = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now)
                .OrderBy(d => d.NextAttemptAt)
                .Select(d => d.Id)
                .Take(settings.BatchSize)
                .ToListAsync(cancellationToken);
        }

        var attempted = 0;
        await Parallel.ForEachAsync(
            due,
            new ParallelOptions { MaxDegreeOfParallelism = settings.MaxConcurrency, CancellationToken = cancellationToken },
            async (id, token) =>
            {
                if (await TryDeliverAsync(id, token))
                {
                    Interlocked.Increment(ref attempted);
                }
            });
        return attempted;
    }

    private async Task<bool> TryDeliverAsync(Guid id, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicDbContext>();
        var now = time.GetUtcNow();
        var leaseUntil = now + settings.Lease;
        var claimed = await db.WebhookDeliveries
            .Where(d => d.Id == id && d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, leaseUntil).SetProperty(d => d.Attempts, d => d.Attempts + 1), cancellationToken);
        if (claimed == 0)
        {
            // Another replica took it first.
            return false;
        }

        var delivery = await db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == id, cancellationToken);
        var attempt = delivery.Attempts;
        var (secret, refusal) = await ResolveSecretAsync(db, delivery, cancellationToken);
        var result = refusal is null
            ? await sender.SendAsync(delivery.Url, secret!, delivery.Event, delivery.Id, attempt, delivery.Payload, cancellationToken)
            : new WebhookAttemptResult(false, null, refusal, true, TimeSpan.Zero);
        await RecordAsync(db, delivery, attempt, now, result, cancellationToken);
        return true;
    }

    /// <summary>Records an attempt and moves the delivery on: Delivered, Pending again later, or Failed. Shared with the API's test ping.</summary>
    public async Task RecordAsync(MusicDbContext db, WebhookDelivery delivery, int attempt, DateTimeOffset attemptedAt, WebhookAttemptResult result, CancellationToken cancellationToken)
    {
        var finishedAt = time.GetUtcNow();
        db.WebhookDeliveryAttempts.Add(new WebhookDeliveryAttempt
        {
            Id = Guid.CreateVersion7(),
            DeliveryId = delivery.Id,
            Number = attempt,
            AttemptedAt = attemptedAt,
            ResponseStatus = result.ResponseStatus,
            Error = result.Error,
            DurationMs = (int)Math.Min(result.Duration.TotalMilliseconds, int.MaxValue),
        });
        await db.SaveChangesAsync(cancellationToken);

        var next = result.Succeeded || result.Permanent ? null : WebhookRetryPolicy.NextAttempt(options.CurrentValue, delivery.CreatedAt, attempt, finishedAt);
        var status = result.Succeeded ? WebhookDeliveryStatus.Delivered : next is null ? WebhookDeliveryStatus.Failed : WebhookDeliveryStatus.Pending;
        DateTimeOffset? deliveredAt = result.Succeeded ? finishedAt : null;
        var error = result.Error;
        var written = await db.WebhookDeliveries
            .Where(d => d.Id == delivery.Id && d.Attempts == attempt && d.Status == WebhookDeliveryStatus.Pending)
            .ExecuteUpdateAsync(
                s => s.SetProperty(d => d.Status, status)
                    .SetProperty(d => d.ResponseStatus, result.ResponseStatus)
                    .SetProperty(d => d.Error, error)
                    .SetProperty(d => d.NextAttemptAt, next)
                    .SetProperty(d => d.DeliveredAt, deliveredAt),
                cancellationToken);
        if (written == 0)
        {
            LogLeaseLost(logger, delivery.Id, attempt);
        }
        else if (status == WebhookDeliveryStatus.Failed)
        {
            LogGaveUp(logger, delivery.Id, delivery.Url, attempt, result.Error);
        }
        else if (status == WebhookDeliveryStatus.Pending)
        {
            LogWillRetry(logger, delivery.Id, attempt, result.Error, next!.Value);
        }
    }

    private static async Task<(string? Secret, string? Refusal)> ResolveSecretAsync(MusicDbContext db, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        if (delivery.SubscriptionId is { } subscriptionId)
        {
            var subscription = await db.WebhookSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == subscriptionId, cancellationToken);
            return subscription switch
            {
                null => (null, "The subscription was deleted before the event could be delivered."),
                { Active: false } when delivery.Event != WebhookEvents.Ping => (null, "The subscription was disabled before the event could be delivered."),
                _ => (subscription.Secret, null),
            };
        }

        var secret = await WebhookSecrets.GetOrCreateUserSecretAsync(db, delivery.UserId, cancellationToken);
        return secret is null ? (null, "The delivery's user no longer exists.") : (secret, null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} attempt {Attempt} finished after its lease; another replica owns it now")]
    private static partial void LogLeaseLost(ILogger logger, Guid deliveryId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} to {Url} failed for good after attempt {Attempt}: {Error}")]
    private static partial void LogGaveUp(ILogger logger, Guid deliveryId, string url, int attempt, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} attempt {Attempt} failed ({Error}); next attempt at {NextAttemptAt:o}")]
    private static partial void LogWillRetry(ILogger logger, Guid deliveryId, int attempt, string? error, DateTimeOffset nextAttemptAt);
}
