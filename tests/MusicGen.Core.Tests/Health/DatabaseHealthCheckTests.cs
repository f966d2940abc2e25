using MusicGen.Core.Data;
using MusicGen.Core.Health;
using MusicGen.Core.Tests.Data;
using MusicGen.Testing;
using MusicGen.Testing.Postgres;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MusicGen.Core.Tests.Health;

public sealed class DatabaseHealthCheckTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task CheckReachableDatabaseIsHealthy(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, postgres);
        await using var scope = database.Scope(out var db);

        var result = await new DatabaseHealthCheck(db).CheckHealthAsync(Context(), TestContext.Current.CancellationToken);

        result.Status.ShouldBe(HealthStatus.Healthy);
    }

    [Fact]
    public async Task CheckUnreachablePostgresIsUnhealthy()
    {
        var nobody = new MusicDatabase(DatabaseProvider.Postgres, $"Host=127.0.0.1;Port={FreePort.Next()};Username=x;Database=x;Timeout=3");
        await using var database = TestDatabaseFor(nobody);
        await using var scope = database.Scope(out var db);

        var result = await new DatabaseHealthCheck(db).CheckHealthAsync(Context(), TestContext.Current.CancellationToken);

        result.Status.ShouldBe(HealthStatus.Unhealthy);
        result.Description.ShouldBe("The database did not answer SELECT 1.");
    }

    private static TestDatabase TestDatabaseFor(MusicDatabase database) => TestDatabase.For(database);

    private static HealthCheckContext Context() => new()
    {
        Registration = new HealthCheckRegistration("musicdb", _ => null!, HealthStatus.Unhealthy, null),
    };
}
