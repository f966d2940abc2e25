using MusicGen.Contracts.Webhooks;
using MusicGen.Core.Webhooks;

namespace MusicGen.Api.Webhooks;

public static class WebhookMapping
{
    public static WebhookSubscriptionResponse ToResponse(this WebhookSubscription subscription) =>
        new(subscription.Id, subscription.Url, WebhookSubscriptionValidator.FromCsv(subscription.Events), subscription.Active, subscription.Secret[..Math.Min(10, subscription.Secret.Length)], subscription.CreatedAt);

    public static WebhookDeliveryResponse ToResponse(this WebhookDelivery delivery, IEnumerable<WebhookDeliveryAttempt> attempts) =>
        new(
            delivery.Id,
            delivery.SubscriptionId,
            delivery.GenerationId,
            delivery.Event,
            delivery.Url,
            delivery.Status.ToString(),
            delivery.Attempts,
            delivery.ResponseStatus,
            delivery.Error,
            delivery.CreatedAt,
            delivery.Status == WebhookDeliveryStatus.Pending ? delivery.NextAttemptAt : null,
            delivery.DeliveredAt,
            [.. attempts.OrderBy(a => a.Number).Select(a => new WebhookAttemptResponse(a.Number, a.AttemptedAt, a.ResponseStatus, a.Error, a.DurationMs))]);
}
