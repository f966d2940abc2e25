using System.Text.Json;
using MusicGen.Core.Data;
using MusicGen.Core.Generations;
using MusicGen.Core.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace MusicGen.Worker.Generations;

/// <summary>
/// Queues the <c>generation.completed</c> / <c>generation.failed</c> deliveries of a generation that just
/// ended, to each matching active subscription of its owner and to its own webhook URL. The rows are added
/// to the caller's context, so they commit with the terminal status or not at all; delivering them is the
/// webhook dispatcher's job.
/// </summary>
public static class GenerationWebhooks
{
    public static async Task AddDeliveriesAsync(MusicDbContext db, Generation generation, IReadOnlyList<Track> tracks, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var eventName = generation.Status == GenerationStatus.Completed ? WebhookEvents.GenerationCompleted : WebhookEvents.GenerationFailed;
        var payload = JsonSerializer.Serialize(new Payload(
            eventName,
            generation.Id,
            generation.Status.ToString(),
            now,
            generation.Status == GenerationStatus.Completed ? [.. tracks.OrderBy(t => t.VariantIndex).Select(t => new PayloadTrack(t.Id, t.VariantIndex, t.DurationMs))] : null,
            generation.Status == GenerationStatus.Failed ? new PayloadError(generation.ErrorCode, generation.ErrorMessage) : null), JsonSerializerOptions.Web);

        var subscriptions = await db.WebhookSubscriptions.AsNoTracking()
            .Where(s => s.UserId == generation.UserId && s.Active)
            .ToListAsync(cancellationToken);
        foreach (var subscription in subscriptions.Where(s => WebhookEvents.Matches(s.Events, eventName)))
        {
            db.WebhookDeliveries.Add(Delivery(generation, subscription.Id, subscription.Url, eventName, payload, now));
        }

        if (!string.IsNullOrWhiteSpace(generation.WebhookUrl))
        {
            db.WebhookDeliveries.Add(Delivery(generation, null, generation.WebhookUrl, eventName, payload, now));
        }
    }

    private static WebhookDelivery Delivery(Generation generation, Guid? subscriptionId, string url, string eventName, string payload, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        UserId = generation.UserId,
        SubscriptionId = subscriptionId,
        GenerationId = generation.Id,
        Url = url,
        Event = eventName,
        Payload = payload,
        Status = WebhookDeliveryStatus.Pending,
        CreatedAt = now,
        NextAttemptAt = now,
    };

    private sealed record Payload(string Event, Guid GenerationId, string Status, DateTimeOffset OccurredAt, IReadOnlyList<PayloadTrack>? Tracks, PayloadError? Error);

    private sealed record PayloadTrack(Guid Id, int Variant, int DurationMs);

    private sealed record PayloadError(string? Code, string? Message);
}
