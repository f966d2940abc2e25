using MusicGen.Core.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

public static class WebhookSenderExtensions
{
    /// <summary>
    /// <see cref="WebhookOptions"/>, the SSRF-guarded <see cref="WebhookSender"/> and the
    /// <see cref="WebhookDispatcher"/>. The sender owns its HttpClient rather than taking one from
    /// the factory: the service defaults add a resilience handler to factory clients, whose hidden
    /// retries would bypass the attempt log and the backoff schedule.
    /// </summary>
    public static IHostApplicationBuilder AddWebhookSender(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(services =>
        {
            var options = services.GetRequiredService<IOptionsMonitor<WebhookOptions>>();
            if (options.CurrentValue.AllowPrivateNetworks && !services.GetRequiredService<IHostEnvironment>().IsDevelopment())
            {
                services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebhookSender))
                    .LogWarning("Webhooks:AllowPrivateNetworks is on outside Development: webhooks can reach this host's private network.");
            }

            return new WebhookSender(new HttpClient(WebhookHttpHandler.Create(options)) { Timeout = Timeout.InfiniteTimeSpan }, options, services.GetRequiredService<TimeProvider>());
        });
        builder.Services.TryAddSingleton<WebhookDispatcher>();
        return builder;
    }
}
