using MusicGen.Worker.Webhooks;

namespace Microsoft.Extensions.Hosting;

public static class WebhookDeliveryExtensions
{
    /// <summary>Delivers the webhook rows generations leave behind: signed, SSRF-guarded, retried with backoff for up to <c>Webhooks:RetryWindow</c>.</summary>
    public static IHostApplicationBuilder AddWebhookDelivery(this IHostApplicationBuilder builder)
    {
        builder.AddWebhookSender();
        builder.Services.AddHostedService<WebhookDeliveryService>();
        return builder;
    }
}
