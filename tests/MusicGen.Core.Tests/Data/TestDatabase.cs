using MusicGen.Core.Data;
using MusicGen.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace MusicGen.Core.Tests.Data;

/// <summary>A fresh, empty database of either kind, with a service provider that resolves the context and migrator.</summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _sqliteFile;

    private TestDatabase(MusicDatabase database, string? sqliteFile)
    {
        Database = database;
        _sqliteFile = sqliteFile;
        Services = new ServiceCollection()
            .AddSingleton(database)
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
            .AddDbContext<MusicDbContext>(database.Configure)
            .AddScoped<MusicDbMigrator>()
            .BuildServiceProvider();
    }

    public MusicDatabase Database { get; }

    public ServiceProvider Services { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, PostgresServer postgres)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            return new TestDatabase(new MusicDatabase(DatabaseProvider.Postgres, await postgres.CreateDatabaseAsync(TestContext.Current.CancellationToken)), null);
        }

        var file = Path.Combine(Path.GetTempPath(), $"musicgen-test-{Guid.NewGuid():N}.db");
        return new TestDatabase(MusicDatabase.Parse($"Data Source={file};Pooling=false"), file);
    }

    public static TestDatabase For(MusicDatabase database) => new(database, null);

    public AsyncServiceScope Scope(out MusicDbContext db)
    {
        var scope = Services.CreateAsyncScope();
        db = scope.ServiceProvider.GetRequiredService<MusicDbContext>();
        return scope;
    }

    public async Task MigrateAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MusicDbMigrator>().MigrateAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_sqliteFile is not null)
        {
            File.Delete(_sqliteFile);
        }
    }
}
