using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace MusicGen.Core.Data;

/// <summary>
/// The database named by <c>ConnectionStrings:musicdb</c>; the provider follows from the string's
/// form: <c>Host=…</c> is Postgres, <c>Data Source=….db</c> is SQLite.
/// </summary>
public sealed partial record MusicDatabase(DatabaseProvider Provider, string ConnectionString)
{
    public const string ConnectionName = "musicdb";

    /// <summary>Parses a connection string; the exception message says what to fix and never echoes a password.</summary>
    public static MusicDatabase Parse(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionName} is not set. Set it (env ConnectionStrings__{ConnectionName}) to 'Host=…;Port=…;Username=…;Password=…;Database=musicdb' for Postgres or 'Data Source=musicgen.db' for SQLite.");
        }

        DbConnectionStringBuilder keys;
        try
        {
            keys = new DbConnectionStringBuilder { ConnectionString = connectionString };
        }
        catch (ArgumentException)
        {
            throw Malformed("it is not a list of key=value pairs separated by ';'");
        }

        if (keys.ContainsKey("Host") || keys.ContainsKey("Server"))
        {
            try
            {
                var postgres = new NpgsqlConnectionStringBuilder(connectionString);
                if (string.IsNullOrWhiteSpace(postgres.Database))
                {
                    throw Malformed("the Postgres form needs Database=…");
                }

                return new MusicDatabase(DatabaseProvider.Postgres, postgres.ConnectionString);
            }
            catch (ArgumentException e)
            {
                throw Malformed($"Npgsql rejects it: {e.Message}");
            }
        }

        if (SqliteKey().IsMatch(connectionString))
        {
            try
            {
                var sqlite = new SqliteConnectionStringBuilder(connectionString);
                if (string.IsNullOrWhiteSpace(sqlite.DataSource))
                {
                    throw Malformed("the SQLite form needs a file name in Data Source=…");
                }

                return new MusicDatabase(DatabaseProvider.Sqlite, sqlite.ConnectionString);
            }
            catch (ArgumentException e)
            {
                throw Malformed($"SQLite rejects it: {e.Message}");
            }
        }

        throw Malformed("it names neither Host= (Postgres) nor Data Source= (SQLite)");
    }

    public void Configure(DbContextOptionsBuilder options)
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            options.UseNpgsql(ConnectionString);
        }
        else
        {
            options.UseSqlite(ConnectionString);
        }

        // Migrations are hand-written, so there is no model snapshot to compare with;
        // MigrationSchemaTests checks the migrated schema against the model instead.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    [GeneratedRegex(@"(^|;)\s*(Data\s?Source|Filename)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex SqliteKey();

    private static InvalidOperationException Malformed(string why) =>
        new($"ConnectionStrings:{ConnectionName} is malformed: {why}. Expected 'Host=…;Port=…;Username=…;Password=…;Database=musicdb' (Postgres) or 'Data Source=musicgen.db' (SQLite).");
}
