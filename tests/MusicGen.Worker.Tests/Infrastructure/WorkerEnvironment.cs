using System.Text.Json;
using MusicGen.Core.Accounts;
using MusicGen.Core.Data;
using MusicGen.Core.Generations;
using MusicGen.Core.Queueing;
using MusicGen.Core.Storage;
using MusicGen.Redis;
using MusicGen.Redis.Queue;
using MusicGen.Testing.Postgres;
using MusicGen.Testing.Redis;
using MusicGen.Testing.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MusicGen.Worker.Tests.Infrastructure;

/// <summary>
/// What a Worker needs, all real and all private to one test: a migrated Postgres database with a user,
/// a redis-server, and a blob store (a folder, or s3rver). Submits generations the way the API does (row,
/// then job) and reads back what the Worker made of them.
/// </summary>
internal sealed class WorkerEnvironment : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private WorkerEnvironment(string database, RedisTestServer redis, RedisClient client, string storage, IBlobStore store, S3rverServer? s3, string? folder, GenerationQueueOptions queueOptions)
    {
        DatabaseConnectionString = database;
        Redis = redis;
        Client = client;
        StorageConnectionString = storage;
        Store = store;
        S3 = s3;
        _folder = folder;
        QueueOptions = queueOptions;
        Queue = new JobQueue(client, GenerationJob.QueueName);
        GenerationQueue = new RedisGenerationQueue(Queue, Options.Create(queueOptions));
        var musicDatabase = MusicDatabase.Parse(database);
        _services = new ServiceCollection()
            .AddSingleton(musicDatabase)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddDbContext<MusicDbContext>(musicDatabase.Configure)
            .AddScoped<MusicDbMigrator>()
            .BuildServiceProvider();
    }

    private readonly string? _folder;

    public string DatabaseConnectionString { get; }

    public RedisTestServer Redis { get; }

    public RedisClient Client { get; }

    public string StorageConnectionString { get; }

    public IBlobStore Store { get; }

    public S3rverServer? S3 { get; }

    public GenerationQueueOptions QueueOptions { get; }

    public JobQueue Queue { get; }

    public RedisGenerationQueue GenerationQueue { get; }

    public Guid UserId { get; } = Guid.CreateVersion7();

    public static async Task<WorkerEnvironment> CreateAsync(PostgresServer postgres, bool s3 = false, GenerationQueueOptions? queueOptions = null)
    {
        var database = await postgres.CreateDatabaseAsync();
        var redis = await RedisTestServer.StartAsync(RedisServerKind.Redis);
        var client = await RedisClient.ConnectAsync(redis.ConnectionString);
        S3rverServer? s3rver = null;
        string? folder = null;
        string storage;
        IBlobStore store;
        if (s3)
        {
            s3rver = await S3rverServer.StartAsync();
            storage = s3rver.ConnectionString;
            store = new S3BlobStore(S3BlobStore.CreateClient(StorageConnection.Parse(storage)), s3rver.Bucket);
        }
        else
        {
            folder = Directory.CreateTempSubdirectory("musicgen-worker-blobs-").FullName;
            storage = $"Path={folder}";
            store = new FileSystemBlobStore(folder);
        }

        var environment = new WorkerEnvironment(database, redis, client, storage, store, s3rver, folder,
            queueOptions ?? new GenerationQueueOptions { Attempts = 3, Backoff = TimeSpan.FromMilliseconds(500), BackoffJitter = 0 });
        await environment.InitializeAsync();
        return environment;
    }

    /// <summary>The settings a Worker (process or in-process host) needs to work on this environment, with short test timings.</summary>
    public Dictionary<string, string?> WorkerSettings(IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:musicdb"] = DatabaseConnectionString,
            ["ConnectionStrings:cache"] = Redis.ConnectionString,
            ["ConnectionStrings:storage"] = StorageConnectionString,
            ["Worker:Concurrency"] = "2",
            ["Worker:LockDuration"] = "00:00:03",
            ["Worker:StalledInterval"] = "00:00:01",
            ["Worker:CancelPollInterval"] = "00:00:00.200",
            ["GenerationQueue:Attempts"] = QueueOptions.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["GenerationQueue:Backoff"] = QueueOptions.Backoff.ToString(),
            ["GenerationQueue:BackoffJitter"] = "0",
            ["Maintenance:ReconcileInterval"] = "00:00:01",
            ["Maintenance:StuckAfter"] = "00:00:05",
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft"] = "Warning",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public AsyncServiceScope Scope(out MusicDbContext db)
    {
        var scope = _services.CreateAsyncScope();
        db = scope.ServiceProvider.GetRequiredService<MusicDbContext>();
        return scope;
    }

    /// <summary>Inserts a Queued generation and puts its job on the queue, as the API's submit path does.</summary>
    public async Task<Generation> SubmitAsync(int lengthMs = 3_000, int variations = 2, string provider = "local", string format = "mp3_44100_128",
        string? lyrics = null, string? webhookUrl = null, bool enqueue = true, string prompt = "calm lo-fi piano, 80 bpm")
    {
        var now = DateTimeOffset.UtcNow;
        var generation = new Generation
        {
            Id = Guid.CreateVersion7(),
            UserId = UserId,
            Name = "Test song",
            Prompt = prompt,
            LengthMs = lengthMs,
            OutputFormat = format,
            Variations = variations,
            Provider = provider,
            Lyrics = lyrics,
            WebhookUrl = webhookUrl,
            BilledAudioMs = (long)lengthMs * variations,
            Status = GenerationStatus.Queued,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await using (Scope(out var db))
        {
            db.Generations.Add(generation);
            await db.SaveChangesAsync();
        }

        if (enqueue)
        {
            await GenerationQueue.EnqueueAsync(generation.Id, null, CancellationToken.None);
        }

        return generation;
    }

    public async Task<Generation?> FindAsync(Guid id)
    {
        await using var scope = Scope(out var db);
        return await db.Generations.AsNoTracking().Include(g => g.Tracks).ThenInclude(t => t.Files).SingleOrDefaultAsync(g => g.Id == id);
    }

    public async Task<GenerationStatus?> StatusAsync(Guid id) => (await FindAsync(id))?.Status;

    public async Task<Generation> WaitForStatusAsync(Guid id, TimeSpan timeout, params GenerationStatus[] statuses)
    {
        Generation? generation = null;
        await Eventually.TrueAsync(async () => (generation = await FindAsync(id)) is { } g && statuses.Contains(g.Status), timeout,
            $"generation {id} to be {string.Join(" or ", statuses)}", () => $"it is {generation?.Status} ({generation?.Stage} {generation?.Progress}%, {generation?.ErrorCode}: {generation?.ErrorMessage})");
        return generation!;
    }

    public async Task<List<BlobInfo>> BlobsAsync()
    {
        var list = new List<BlobInfo>();
        await foreach (var blob in Store.ListAsync(StorageKeys.Prefix, CancellationToken.None))
        {
            list.Add(blob);
        }

        return list;
    }

    public async Task<List<WebhookDeliveryRow>> DeliveriesAsync(Guid generationId)
    {
        await using var scope = Scope(out var db);
        return await db.WebhookDeliveries.AsNoTracking().Where(d => d.GenerationId == generationId)
            .Select(d => new WebhookDeliveryRow(d.Event, d.Url, d.SubscriptionId, d.Payload, d.Status.ToString())).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Redis.DisposeAsync();
        if (S3 is not null)
        {
            await S3.DisposeAsync();
        }

        if (_folder is not null)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        await _services.DisposeAsync();
    }

    private async Task InitializeAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MusicDbMigrator>().MigrateAsync(CancellationToken.None);
        var db = scope.ServiceProvider.GetRequiredService<MusicDbContext>();
        db.Users.Add(new User { Id = UserId, Email = $"{UserId:N}@example.test", DisplayName = "Worker test", CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
    }

    public static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;
}

internal sealed record WebhookDeliveryRow(string Event, string Url, Guid? SubscriptionId, string Payload, string Status);
