namespace MusicGen.Contracts.Webhooks;

public sealed record WebhookDeliveryPage(IReadOnlyList<WebhookDeliveryResponse> Items, int Page, int PageSize, int Total);
