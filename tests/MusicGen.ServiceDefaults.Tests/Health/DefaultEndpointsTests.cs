using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MusicGen.ServiceDefaults.Tests.Support;

namespace MusicGen.ServiceDefaults.Tests.Health;

public sealed class DefaultEndpointsTests
{
    [Fact]
    public async Task GetHealthReportsEveryCheckAndFailsWhenOneIsUnhealthy()
    {
        await using var server = await StartServiceAsync();
        using var client = new HttpClient { BaseAddress = server.Address };

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        report.RootElement.GetProperty("status").GetString().ShouldBe("Unhealthy");
        var checks = report.RootElement.GetProperty("checks");
        checks.GetProperty("self").GetProperty("status").GetString().ShouldBe("Healthy");
        checks.GetProperty("database").GetProperty("status").GetString().ShouldBe("Unhealthy");
        checks.GetProperty("database").GetProperty("description").GetString().ShouldBe("database unreachable");
    }

    [Fact]
    public async Task GetAliveRunsOnlyLiveChecks()
    {
        await using var server = await StartServiceAsync();
        using var client = new HttpClient { BaseAddress = server.Address };

        using var response = await client.GetAsync(new Uri("/alive", UriKind.Relative), TestContext.Current.CancellationToken);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        report.RootElement.GetProperty("status").GetString().ShouldBe("Healthy");
        report.RootElement.GetProperty("checks").EnumerateObject().Select(c => c.Name).ShouldBe(["self"]);
    }

    [Fact]
    public async Task GetHealthIsMappedOutsideDevelopment()
    {
        await using var server = await StartServiceAsync(Environments.Production, unhealthyDatabase: false);
        using var client = new HttpClient { BaseAddress = server.Address };

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static Task<LocalServer> StartServiceAsync(string environment = "Testing", bool unhealthyDatabase = true) =>
        LocalServer.StartAsync(
            app => app.MapDefaultEndpoints(),
            builder =>
            {
                builder.Environment.EnvironmentName = environment;
                builder.AddServiceDefaults();
                builder.Logging.ClearProviders();
                builder.Services.AddHealthChecks().AddCheck(
                    "database",
                    () => unhealthyDatabase ? HealthCheckResult.Unhealthy("database unreachable") : HealthCheckResult.Healthy());
            });
}
