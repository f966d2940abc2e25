using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace MusicGen.Core.Webhooks;

/// <summary>
/// The socket handler webhooks go through. The address check happens in <c>ConnectCallback</c>, on
/// the address actually connected to, after DNS resolution: a host that resolves to a public
/// address when validated and to 127.0.0.1 when called (DNS rebinding) is still refused. Redirects
/// are not followed, and no proxy is used (it would be the connected address instead of the target).
/// </summary>
public static class WebhookHttpHandler
{
    public static SocketsHttpHandler Create(IOptionsMonitor<WebhookOptions> options) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, options.CurrentValue.AllowPrivateNetworks, cancellationToken),
    };

    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowPrivateNetworks, CancellationToken cancellationToken)
    {
        var resolved = IPAddress.TryParse(endPoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken);
        var allowed = allowPrivateNetworks ? resolved : [.. resolved.Where(NetworkGuard.IsPublic)];
        if (allowed.Length == 0)
        {
            throw new WebhookAddressRefusedException(endPoint.Host, resolved);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
