using Microsoft.Extensions.Configuration;

namespace MusicGen.Worker.Tests.Infrastructure;

/// <summary>The Worker's services in this process (same wiring as Program.cs), so a test can add its own providers.</summary>
internal sealed class InProcessWorker : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessWorker(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public static async Task<InProcessWorker> StartAsync(IDictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddApplicationServices();
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new InProcessWorker(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(timeout.Token);
        _host.Dispose();
    }
}
