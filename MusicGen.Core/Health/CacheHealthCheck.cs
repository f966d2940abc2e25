using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MusicGen.Core.Health;

/// <summary>Sends <c>PING</c> (after <c>AUTH</c> when a password is set) and expects <c>+PONG</c>.</summary>
public sealed class CacheHealthCheck(CacheEndpoint endpoint) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            using var client = new TcpClient();
            await client.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token);
            Stream stream = client.GetStream();
            if (endpoint.Ssl)
            {
                var tls = new SslStream(stream);
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = endpoint.Host }, timeout.Token);
                stream = tls;
            }

            await using (stream)
            {
                if (endpoint.Password is not null)
                {
                    var auth = await SendAsync(stream, timeout.Token, "AUTH", endpoint.Password);
                    if (!auth.StartsWith("+OK", StringComparison.Ordinal))
                    {
                        return new HealthCheckResult(context.Registration.FailureStatus, "Redis refused the password: " + auth.Trim());
                    }
                }

                var reply = await SendAsync(stream, timeout.Token, "PING");
                return reply.StartsWith("+PONG", StringComparison.Ordinal)
                    ? HealthCheckResult.Healthy()
                    : new HealthCheckResult(context.Registration.FailureStatus, "Redis answered PING with " + reply.Trim());
            }
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"Redis at {endpoint.Host}:{endpoint.Port} did not answer PING.", e);
        }
    }

    private static async Task<string> SendAsync(Stream stream, CancellationToken cancellationToken, params string[] command)
    {
        var request = new StringBuilder().Append('*').Append(command.Length).Append("\r\n");
        foreach (var part in command)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), cancellationToken);
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer, cancellationToken);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }
}
