using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace MusicGen.Web.Tests;

public sealed class HomePageTests
{
    private static readonly JsonObject HealthyReport = new()
    {
        ["status"] = "Healthy",
        ["checks"] = new JsonObject { ["self"] = new JsonObject { ["status"] = "Healthy" } },
    };

    [Fact]
    public async Task GetHomeWithHealthyApiSaysApiHealthy()
    {
        await using var api = await FakeApi.StartAsync(Results.Json(HealthyReport));
        await using var web = StartWeb(api.Address);

        var page = await web.CreateClient().GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        page.ShouldContain("API healthy");
        page.ShouldContain("aria-live=\"polite\"");
        page.ShouldContain("Refresh");
    }

    [Fact]
    public async Task GetHomeWithApiDownSaysApiUnreachable()
    {
        // A port bound but never listened on refuses connections, as a stopped API does, and stays
        // ours for the whole test, so no other server can take it meanwhile.
        using var down = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        down.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        await using var web = StartWeb(new Uri($"http://{down.LocalEndPoint}"));

        var page = await web.CreateClient().GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        page.ShouldContain("API unreachable:");
        page.ShouldContain(down.LocalEndPoint!.ToString()!);
        page.ShouldNotContain("API healthy");
    }

    [Fact]
    public async Task GetHomeWithUnhealthyApiNamesTheFailingCheck()
    {
        var report = new JsonObject
        {
            ["status"] = "Unhealthy",
            ["checks"] = new JsonObject
            {
                ["self"] = new JsonObject { ["status"] = "Healthy" },
                ["database"] = new JsonObject { ["status"] = "Unhealthy", ["description"] = "connection refused" },
            },
        };
        await using var api = await FakeApi.StartAsync(Results.Json(report, statusCode: 503));
        await using var web = StartWeb(api.Address);

        var page = await web.CreateClient().GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        page.ShouldContain("API unhealthy: database");
        page.ShouldContain("connection refused");
    }

    [Fact]
    public async Task GetHealthOfWebIsHealthy()
    {
        await using var api = await FakeApi.StartAsync(Results.Json(HealthyReport));
        await using var web = StartWeb(api.Address);

        using var response = await web.CreateClient().GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static WebApplicationFactory<Program> StartWeb(Uri api) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web => web.ConfigureAppConfiguration((_, configuration) =>
            configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                // What the AppHost sets: services__api__http__0.
                ["services:api:http:0"] = api.ToString(),
                ["HttpStandardResilience:MaxRetryAttempts"] = "1",
                ["HttpStandardResilience:RetryDelay"] = "00:00:00.010",
            })));
}
