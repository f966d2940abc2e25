using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MusicGen.ServiceDefaults.Tests.Support;

/// <summary>A started generic host with <c>AddServiceDefaults()</c>, as a service calling another would have.</summary>
public sealed class ClientHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ClientHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public HttpClient CreateClient(string name = "") => Services.GetRequiredService<IHttpClientFactory>().CreateClient(name);

    public static async Task<ClientHost> StartAsync(IDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.AddServiceDefaults();
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new ClientHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}
