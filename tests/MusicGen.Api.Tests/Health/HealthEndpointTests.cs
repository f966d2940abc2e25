using System.Net;
using System.Text.Json;
using MusicGen.Api.Tests.Infrastructure;
using MusicGen.Core.Data;
using MusicGen.Testing.Postgres;

namespace MusicGen.Api.Tests.Health;

public sealed class HealthEndpointTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task HealthWithDatabaseUpAndCacheDownReportsEachCheck(DatabaseProvider provider)
    {
        await using var factory = await ApiFactory.CreateAsync(provider, postgres);
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var checks = body.RootElement.GetProperty("checks");
        checks.GetProperty("musicdb").GetProperty("status").GetString().ShouldBe("Healthy");
        checks.GetProperty("cache").GetProperty("status").GetString().ShouldBe("Unhealthy");
    }

    [Fact]
    public async Task AliveIgnoresDependencies()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, postgres);
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/alive", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task OpenApiDocumentIsServedAndSwaggerUiLoads()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, postgres);
        using var client = factory.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        var ui = await client.GetAsync("/swagger/index.html", TestContext.Current.CancellationToken);

        var root = JsonDocument.Parse(document).RootElement;
        root.GetProperty("openapi").GetString().ShouldStartWith("3.");
        var paths = root.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/auth/register", "/api/v1/api-keys", "/api/v1/me", "/api/v1/generations", "/api/v1/generations/{id}", "/api/v1/generations/{id}/events", "/api/music-generator/generate" })
        {
            paths.TryGetProperty(path, out _).ShouldBeTrue($"{path} missing from the OpenAPI document");
        }

        paths.GetProperty("/api/v1/generations").GetProperty("post").GetProperty("operationId").GetString().ShouldBe("CreateGeneration");
        ui.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
