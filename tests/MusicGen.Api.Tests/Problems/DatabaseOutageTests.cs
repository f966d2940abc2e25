using System.Net;
using System.Net.Http.Headers;
using MusicGen.Api.Tests.Infrastructure;
using MusicGen.Core.Data;
using MusicGen.Testing;
using MusicGen.Testing.Postgres;
using Microsoft.AspNetCore.Hosting;

namespace MusicGen.Api.Tests.Problems;

/// <summary>A database that cannot be reached is the service's trouble, not the client's: 503 with Retry-After, never 500.</summary>
public sealed class DatabaseOutageTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UnreachableDatabaseAnswers503WithRetryAfter()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Postgres, postgres);
        string token;
        using (var client = factory.CreateClient())
        {
            token = (await client.RegisterAsync()).AccessToken;
        }

        // The same API, its database now on a port where nothing listens; the signed token still authenticates.
        await using var outage = factory.WithWebHostBuilder(builder => builder.UseSetting(
            "ConnectionStrings:musicdb", $"Host=127.0.0.1;Port={FreePort.Next()};Username=postgres;Database=musicdb;Timeout=2"));
        using var down = outage.CreateClient();
        down.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await down.GetAsync("/api/v1/generations", Ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        problem.GetProperty("detail").GetString()!.ShouldContain("database cannot be reached");
        response.Headers.RetryAfter?.Delta.ShouldNotBeNull();
    }
}
