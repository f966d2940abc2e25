using MusicGen.Core.Data;
using MusicGen.Testing.Postgres;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MusicGen.Api.Tests.Infrastructure;

/// <summary>
/// The API in memory on a fresh, migrated database of the given kind. The API itself never
/// migrates (MusicGen.MigrationService does), so the factory does it first, as the AppHost would.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    public const string SigningKey = "test-signing-key-0123456789-abcdefghijklmnop";

    private readonly Dictionary<string, string?> _settings;
    private readonly string? _sqliteFile;

    private ApiFactory(Dictionary<string, string?> settings, string? sqliteFile, string storageFolder)
    {
        _settings = settings;
        _sqliteFile = sqliteFile;
        StorageFolder = storageFolder;
    }

    /// <summary>The folder store's root (a fresh temporary folder per factory).</summary>
    public string StorageFolder { get; }

    public static async Task<ApiFactory> CreateAsync(DatabaseProvider provider, PostgresServer postgres, IDictionary<string, string?>? settings = null)
    {
        string connectionString;
        string? sqliteFile = null;
        if (provider == DatabaseProvider.Postgres)
        {
            connectionString = await postgres.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        }
        else
        {
            sqliteFile = Path.Combine(Path.GetTempPath(), $"musicgen-api-{Guid.NewGuid():N}.db");
            connectionString = $"Data Source={sqliteFile}";
        }

        var storageFolder = Path.Combine(Path.GetTempPath(), $"musicgen-api-blobs-{Guid.NewGuid():N}");
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:storage"] = $"Path={storageFolder}",
            ["ConnectionStrings:musicdb"] = connectionString,
            ["ConnectionStrings:cache"] = $"127.0.0.1:{MusicGen.Testing.FreePort.Next()}",
            ["Auth:SigningKey"] = SigningKey,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var factory = new ApiFactory(all, sqliteFile, storageFolder);
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MusicDbMigrator>().MigrateAsync(TestContext.Current.CancellationToken);
        return factory;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddScoped<MusicDbMigrator>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(_sqliteFile);
        }

        if (Directory.Exists(StorageFolder))
        {
            Directory.Delete(StorageFolder, recursive: true);
        }
    }
}
