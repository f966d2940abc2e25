using System.Data.Common;
using MusicGen.Core.Data;
using MusicGen.Testing.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicGen.Core.Tests.Data;

public sealed class BilledAudioMigrationTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task MigrateOnPopulatedDatabaseBackfillsBilledAudio(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider, postgres);
        var userId = Guid.NewGuid();
        var shortOne = Guid.NewGuid();
        var longOne = Guid.NewGuid();

        await using (var scope = database.Scope(out var db))
        {
            await db.GetService<IMigrator>().MigrateAsync("20261122000001_Init", cancellationToken: ct);
            await db.Database.OpenConnectionAsync(ct);
            var connection = db.Database.GetDbConnection();
            await ExecuteAsync(connection, provider, "INSERT INTO users (id, display_name, role, created_at) VALUES (@p0, 'Ann', 'user', @p1)", userId);
            foreach (var (id, lengthMs, variations) in new[] { (shortOne, 30_000, 2), (longOne, 600_000, 4) })
            {
                await ExecuteAsync(
                    connection,
                    provider,
                    "INSERT INTO generations (id, user_id, name, prompt, length_ms, output_format, variations, instrumental, provider, status, progress, attempts, created_at, updated_at) " +
                    $"VALUES (@p0, @p2, 'old', 'lo-fi piano', {lengthMs}, 'mp3_44100_128', {variations}, FALSE, 'local', 'Completed', 100, 1, @p1, @p1)",
                    id,
                    userId);
            }
        }

        await database.MigrateAsync();

        await using (var scope = database.Scope(out var db))
        {
            var billed = await db.Generations.OrderBy(g => g.LengthMs).Select(g => new { g.Id, g.BilledAudioMs }).ToListAsync(ct);
            billed.Select(b => b.Id).ShouldBe([shortOne, longOne]);
            billed.Select(b => b.BilledAudioMs).ShouldBe([60_000L, 2_400_000L]);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DatabaseProvider provider, string sql, Guid id, Guid? otherId = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "@p0", provider == DatabaseProvider.Postgres ? id : id.ToString().ToUpperInvariant());
        Add(command, "@p1", provider == DatabaseProvider.Postgres ? DateTimeOffset.UtcNow : DateTimeOffset.UtcNow.UtcTicks);
        if (otherId is { } other)
        {
            Add(command, "@p2", provider == DatabaseProvider.Postgres ? other : other.ToString().ToUpperInvariant());
        }

        (await command.ExecuteNonQueryAsync()).ShouldBe(1);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
