using MusicGen.Core.Data;
using MusicGen.Testing.Postgres;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MusicGen.Core.Tests.Data;

public sealed class MusicDbMigratorTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task MigrateWhileAnotherReplicaHoldsTheLockWaitsForIt(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider, postgres);
        await using var held = await HoldLockAsync(database.Database, ct);

        var migration = database.MigrateAsync();
        await Task.Delay(TimeSpan.FromSeconds(1), ct);

        migration.IsCompleted.ShouldBeFalse("the migrator must wait while another replica holds the lock");
        await held.DisposeAsync();
        await migration.WaitAsync(TimeSpan.FromSeconds(60), ct);
        await using var scope = database.Scope(out var db);
        (await db.Database.GetPendingMigrationsAsync(ct)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task MigrateUpToDateDatabaseChangesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, postgres);
        await database.MigrateAsync();

        await database.MigrateAsync();

        await using var scope = database.Scope(out var db);
        (await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken)).Count().ShouldBe(db.Database.GetMigrations().Count());
    }

    private static async Task<IAsyncDisposable> HoldLockAsync(MusicDatabase database, CancellationToken ct)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            var file = Path.GetFullPath(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource) + ".migrate.lock";
            return new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }

        // Unpooled, so disposing the connection really ends the session and with it the lock.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({MusicDbMigrator.PostgresLockKey})", connection);
        await command.ExecuteNonQueryAsync(ct);
        return connection;
    }
}
