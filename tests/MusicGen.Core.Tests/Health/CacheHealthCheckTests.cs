using System.Net;
using System.Net.Sockets;
using System.Text;
using MusicGen.Core.Health;
using MusicGen.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MusicGen.Core.Tests.Health;

public sealed class CacheHealthCheckTests
{
    [Fact]
    public async Task CheckClosedPortIsUnhealthy()
    {
        var check = new CacheHealthCheck(new CacheEndpoint("127.0.0.1", FreePort.Next(), null, false));

        var result = await check.CheckHealthAsync(Context(), TestContext.Current.CancellationToken);

        result.Status.ShouldBe(HealthStatus.Unhealthy);
        result.Description!.ShouldContain("did not answer PING");
    }

    [Fact]
    public async Task CheckServerAnsweringPongIsHealthyAndSendsAuthFirst()
    {
        var ct = TestContext.Current.CancellationToken;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var received = new StringBuilder();
        var server = Task.Run(
            async () =>
            {
                using var client = await listener.AcceptTcpClientAsync(ct);
                var stream = client.GetStream();
                var buffer = new byte[512];
                foreach (var reply in new[] { "+OK\r\n", "+PONG\r\n" })
                {
                    var read = await stream.ReadAsync(buffer, ct);
                    received.Append(Encoding.UTF8.GetString(buffer, 0, read));
                    await stream.WriteAsync(Encoding.UTF8.GetBytes(reply), ct);
                }
            },
            ct);
        var check = new CacheHealthCheck(new CacheEndpoint("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port, "s3cret", false));

        var result = await check.CheckHealthAsync(Context(), ct);
        await server;

        result.Status.ShouldBe(HealthStatus.Healthy);
        received.ToString().ShouldBe("*2\r\n$4\r\nAUTH\r\n$6\r\ns3cret\r\n*1\r\n$4\r\nPING\r\n");
    }

    private static HealthCheckContext Context() => new()
    {
        Registration = new HealthCheckRegistration("cache", _ => null!, HealthStatus.Unhealthy, null),
    };
}
