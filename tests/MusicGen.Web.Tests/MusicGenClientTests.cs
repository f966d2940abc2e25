using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using MusicGen.Contracts;

namespace MusicGen.Web.Tests;

public sealed class MusicGenClientTests
{
    [Fact]
    public async Task GetHealthReadsJsonReportEvenWhenUnhealthy()
    {
        var report = new JsonObject
        {
            ["status"] = "Unhealthy",
            ["checks"] = new JsonObject { ["cache"] = new JsonObject { ["status"] = "Unhealthy", ["description"] = "PING timed out", ["durationMs"] = 2.5 } },
        };
        await using var api = await FakeApi.StartAsync(Results.Json(report, statusCode: 503));
        using var http = new HttpClient { BaseAddress = api.Address };

        var health = await new MusicGenClient(http).GetHealthAsync(TestContext.Current.CancellationToken);

        health.IsHealthy.ShouldBeFalse();
        health.Checks["cache"].Description.ShouldBe("PING timed out");
        health.Checks["cache"].DurationMs.ShouldBe(2.5);
    }

    [Fact]
    public async Task GetHealthAcceptsPlainTextStatus()
    {
        await using var api = await FakeApi.StartAsync(Results.Text("Healthy"));
        using var http = new HttpClient { BaseAddress = api.Address };

        var health = await new MusicGenClient(http).GetHealthAsync(TestContext.Current.CancellationToken);

        health.IsHealthy.ShouldBeTrue();
        health.Checks.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetHealthWithErrorWithoutReportThrows()
    {
        await using var api = await FakeApi.StartAsync(Results.Text("Unhealthy", statusCode: 503));
        using var http = new HttpClient { BaseAddress = api.Address };

        var error = await Should.ThrowAsync<HttpRequestException>(() => new MusicGenClient(http).GetHealthAsync(TestContext.Current.CancellationToken));

        error.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }
}
