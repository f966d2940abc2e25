using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MusicGen.Core.Data;

/// <summary>
/// Applies pending migrations under a lock held across processes, so two replicas of the
/// migration step never migrate at once: a session advisory lock on Postgres, an exclusive file
/// lock beside the database file on SQLite. The second replica waits, then finds nothing to do.
/// </summary>
public sealed class MusicDbMigrator(MusicDbContext db, MusicDatabase database, ILogger<MusicDbMigrator> logger)
{
    // Any constant works as long as every replica uses the same one; these bytes spell "MusicGen".
    public const long PostgresLockKey = 0x4D75736963476E;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await MigrateUnderAdvisoryLockAsync(cancellationToken);
        }
        else
        {
            await MigrateUnderFileLockAsync(cancellationToken);
        }
    }

    private async Task MigrateUnderAdvisoryLockAsync(CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            logger.WaitingForLock("pg_advisory_lock");
            // Polling the try-variant keeps the wait cancellable and clear of the command timeout.
            while (!await db.Database.SqlQueryRaw<bool>($"SELECT pg_try_advisory_lock({PostgresLockKey}) AS \"Value\"").SingleAsync(cancellationToken))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }

            try
            {
                await ApplyAsync(cancellationToken);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({PostgresLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task MigrateUnderFileLockAsync(CancellationToken cancellationToken)
    {
        var file = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        if (file == ":memory:" || file.Length == 0)
        {
            await ApplyAsync(cancellationToken);
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(file));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        logger.WaitingForLock(file + ".migrate.lock");
        await using var fileLock = await AcquireFileLockAsync(Path.GetFullPath(file) + ".migrate.lock", cancellationToken);
        await ApplyAsync(cancellationToken);
    }

    private async Task ApplyAsync(CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            logger.UpToDate();
            return;
        }

        logger.Applying(pending.Count, string.Join(", ", pending));
        await db.Database.MigrateAsync(cancellationToken);
        logger.Applied(pending.Count);
    }

    private static async Task<FileStream> AcquireFileLockAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive lock that other processes see until the stream is disposed.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }
    }
}
