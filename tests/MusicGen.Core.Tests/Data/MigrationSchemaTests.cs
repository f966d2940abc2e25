using MusicGen.Core.Data;
using MusicGen.Testing.Postgres;
using Microsoft.EntityFrameworkCore;

namespace MusicGen.Core.Tests.Data;

public sealed class MigrationSchemaTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task MigrateEmptyDatabaseProducesTheModelSchema(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, postgres);
        await database.MigrateAsync();

        await using var scope = database.Scope(out var db);
        var actual = await SchemaReader.FromDatabaseAsync(db, provider);
        var expected = SchemaReader.FromModel(db);

        actual.Except(expected).ShouldBeEmpty("in the database but not in the model");
        expected.Except(actual).ShouldBeEmpty("in the model but not in the database");
        (await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task MigrateTwiceConcurrentlyAppliesEachMigrationOnce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, postgres);

        await Task.WhenAll(database.MigrateAsync(), database.MigrateAsync());

        await using var scope = database.Scope(out var db);
        var applied = await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken);
        applied.ShouldBe(db.Database.GetMigrations());
    }
}
