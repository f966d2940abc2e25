using System.Globalization;
using System.Net.Http.Json;
using MusicGen.Contracts.Webhooks;

namespace MusicGen.Contracts;

public sealed partial class MusicGenClient
{
    public Task<WebhookSubscriptionCreated> CreateWebhookAsync(WebhookSubscriptionRequest request, CancellationToken cancellationToken = default) =>
        SendForAsync<WebhookSubscriptionCreated>(new HttpRequestMessage(HttpMethod.Post, Relative("api/v1/webhooks")) { Content = JsonContent.Create(request) }, cancellationToken);

    public Task<List<WebhookSubscriptionResponse>> ListWebhooksAsync(CancellationToken cancellationToken = default) =>
        SendForAsync<List<WebhookSubscriptionResponse>>(new HttpRequestMessage(HttpMethod.Get, Relative("api/v1/webhooks")), cancellationToken);

    public Task DeleteWebhookAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Delete, Relative($"api/v1/webhooks/{id}")), cancellationToken);

    /// <summary>Sends a signed ping now and returns its delivery, with the receiver's answer.</summary>
    public Task<WebhookDeliveryResponse> TestWebhookAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendForAsync<WebhookDeliveryResponse>(new HttpRequestMessage(HttpMethod.Post, Relative($"api/v1/webhooks/{id}/test")), cancellationToken);

    /// <summary>Every delivery to your subscriptions and generation webhook URLs, newest first.</summary>
    public Task<WebhookDeliveryPage> ListWebhookDeliveriesAsync(int page = 1, int pageSize = 20, CancellationToken cancellationToken = default) =>
        SendForAsync<WebhookDeliveryPage>(new HttpRequestMessage(HttpMethod.Get, Relative(string.Create(CultureInfo.InvariantCulture, $"api/v1/webhooks/deliveries?page={page}&pageSize={pageSize}"))), cancellationToken);
}
