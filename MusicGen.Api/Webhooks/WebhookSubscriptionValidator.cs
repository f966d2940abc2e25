using System.Net;
using MusicGen.Contracts.Webhooks;
using MusicGen.Core.Webhooks;

namespace MusicGen.Api.Webhooks;

/// <summary>
/// Checks a subscription request. Obvious private targets (a literal private IP, localhost) are
/// refused here so the user learns at once; the authoritative check is at connect time, after DNS.
/// </summary>
public static class WebhookSubscriptionValidator
{
    public const int MaxUrlLength = 2048;

    public static Dictionary<string, string[]> Validate(WebhookSubscriptionRequest request, bool allowPrivateNetworks)
    {
        var errors = new Dictionary<string, string[]>();
        if (UrlError(request.Url, allowPrivateNetworks) is { } urlError)
        {
            errors["url"] = [urlError];
        }

        var unknown = (request.Events ?? []).Where(e => !WebhookEvents.Subscribable.Contains(e, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            errors["events"] = [$"Unknown event(s) {string.Join(", ", unknown.Select(e => $"'{e}'"))}; use {string.Join(" or ", WebhookEvents.Subscribable)}, or leave events empty for both."];
        }

        return errors;
    }

    public static string? UrlError(string? url, bool allowPrivateNetworks)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "url is required: the absolute http or https URL that receives the events.";
        }

        if (url.Length > MaxUrlLength)
        {
            return $"url may be at most {MaxUrlLength} characters long.";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            return $"url '{url}' is not an absolute http or https URL.";
        }

        if (!allowPrivateNetworks && (uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && !NetworkGuard.IsPublic(address))))
        {
            return $"url '{url}' points at a loopback, private or link-local address; webhooks may only reach public addresses.";
        }

        return null;
    }

    /// <summary>The events as stored: a canonical CSV, empty for all.</summary>
    public static string ToCsv(IReadOnlyList<string>? events)
    {
        var chosen = WebhookEvents.Subscribable.Where(e => events?.Contains(e) == true).ToList();
        return chosen.Count == WebhookEvents.Subscribable.Count ? "" : string.Join(',', chosen);
    }

    public static IReadOnlyList<string> FromCsv(string csv) =>
        string.IsNullOrWhiteSpace(csv) ? WebhookEvents.Subscribable : csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
