using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace MusicGen.Core.Webhooks;

/// <summary>Sends one signed webhook request through the guarded handler and says how it went; never throws for the receiver's faults.</summary>
public sealed class WebhookSender(HttpClient http, IOptionsMonitor<WebhookOptions> options, TimeProvider time)
{
    public const string HttpClientName = "webhooks";
    private const int MaxErrorLength = 1000;

    public async Task<WebhookAttemptResult> SendAsync(string url, string secret, string eventName, Guid deliveryId, int attempt, string payload, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return new WebhookAttemptResult(false, null, $"'{url}' is not an absolute http or https URL.", true, TimeSpan.Zero);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("MusicGen-Webhooks", "1.0"));
        request.Headers.TryAddWithoutValidation(WebhookSignature.Header, WebhookSignature.CreateHeader(secret, time.GetUtcNow(), payload));
        request.Headers.TryAddWithoutValidation(WebhookSignature.EventHeader, eventName);
        request.Headers.TryAddWithoutValidation(WebhookSignature.DeliveryHeader, deliveryId.ToString());
        request.Headers.TryAddWithoutValidation(WebhookSignature.AttemptHeader, attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.CurrentValue.Timeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new WebhookAttemptResult(true, status, null, false, Stopwatch.GetElapsedTime(started));
            }

            var error = status is >= 300 and < 400
                ? $"The receiver answered {status} redirecting to '{response.Headers.Location}'; redirects are not followed, so point the webhook at the final URL."
                : $"The receiver answered {status} {response.ReasonPhrase}: {await ReadSnippetAsync(response, timeout.Token)}";
            return new WebhookAttemptResult(false, status, Truncate(error), false, Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException e) when (Find<WebhookAddressRefusedException>(e) is { } refused)
        {
            return new WebhookAttemptResult(false, null, Truncate(refused.Message), true, Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException e)
        {
            return new WebhookAttemptResult(false, null, Truncate($"The receiver could not be reached: {e.Message}"), false, Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookAttemptResult(false, null, $"The receiver did not answer within {options.CurrentValue.Timeout.TotalSeconds:0.#} s.", false, Stopwatch.GetElapsedTime(started));
        }
    }

    private static async Task<string> ReadSnippetAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return body.Length <= 200 ? body : body[..200] + "…";
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return "(no readable body)";
        }
    }

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static string Truncate(string text) => text.Length <= MaxErrorLength ? text : text[..(MaxErrorLength - 1)] + "…";
}
