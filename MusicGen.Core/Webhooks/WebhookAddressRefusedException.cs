using System.Net;

namespace MusicGen.Core.Webhooks;

/// <summary>A webhook host resolved only to addresses webhooks may not reach (see <see cref="NetworkGuard"/>).</summary>
public sealed class WebhookAddressRefusedException(string host, IReadOnlyList<IPAddress> addresses)
    : Exception($"Webhook host '{host}' resolves to {(addresses.Count == 0 ? "no address" : string.Join(", ", addresses))}, which is not a public address; webhooks may not reach loopback, private, link-local or metadata addresses.")
{
    public string Host { get; } = host;

    public IReadOnlyList<IPAddress> Addresses { get; } = addresses;
}
