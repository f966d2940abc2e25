using MusicGen.Core.Accounts;
using MusicGen.Core.Data;
using MusicGen.Core.Generations;
using MusicGen.Core.Leases;
using MusicGen.Core.Usage;
using MusicGen.Testing.Postgres;
using MusicGen.Worker.Maintenance;
using MusicGen.Worker.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MusicGen.Worker.Tests.Maintenance;

public sealed class UsageRollupTests(PostgresServer postgres) : IAsyncLifetime
{
    private static readonly DateTimeOffset Today = UsageLedger.DayOf(DateTimeOffset.UtcNow);
    private static readonly DateTimeOffset From = Today.AddDays(-10);
    private WorkerEnvironment _environment = null!;
    private InProcessWorker _worker = null!;
    private UsageRollup _rollup = null!;

    public async ValueTask InitializeAsync()
    {
        _environment = await WorkerEnvironment.CreateAsync(postgres);

        // The test runs the passes itself; holding the lease keeps the worker's own first pass from racing it.
        (await new RedisLease(_environment.Client, "usage-rollup", TimeSpan.FromMinutes(5)).TryAcquireAsync(CancellationToken.None)).ShouldBeTrue();
        _worker = await InProcessWorker.StartAsync(_environment.WorkerSettings(new Dictionary<string, string?>
        {
            ["Maintenance:UsageRollupInterval"] = "1.00:00:00",
            ["Maintenance:UsageRollupDelay"] = "00:00:00",
        }));
        _rollup = _worker.Services.GetServices<IHostedService>().OfType<UsageRollup>().Single();
    }

    public async ValueTask DisposeAsync()
    {
        await _worker.DisposeAsync();
        await _environment.DisposeAsync();
    }

    [Fact]
    public async Task RollUp_FoldsFinishedDaysOnce_AndUsageStaysWhatTheGenerationsSay()
    {
        await AddAsync(Today.AddDays(-3).AddHours(1), GenerationStatus.Completed, 60_000);
        await AddAsync(Today.AddDays(-3).AddHours(23), GenerationStatus.Failed, 10_000);
        await AddAsync(Today.AddDays(-2), GenerationStatus.Completed, 20_000);
        await AddAsync(Today.AddDays(-2).AddHours(5), GenerationStatus.Canceled, 5_000);
        await AddAsync(Today.AddDays(-1).AddHours(12), GenerationStatus.Completed, 7_000);
        await AddAsync(Today.AddMinutes(1), GenerationStatus.Completed, 11_000);
        await AddAsync(Today.AddMinutes(2), GenerationStatus.Queued, 3_000);
        var summed = await SumOfGenerationsAsync();
        summed.ShouldBe(101_000);
        (await UsedAsync()).ShouldBe(summed, "nothing rolled up yet");

        (await _rollup.RollUpOnceAsync(CancellationToken.None)).ShouldBe(3, "the three finished days, not today");
        (await UsedAsync()).ShouldBe(summed);
        var rows = await DaysAsync();
        rows.ShouldBe([(Today.AddDays(-3), 1, 60_000L, 0L), (Today.AddDays(-2), 1, 20_000L, 0L), (Today.AddDays(-1), 1, 7_000L, 0L)]);
        (await WatermarkAsync()).RolledThrough.ShouldBe(Today);

        (await _rollup.RollUpOnceAsync(CancellationToken.None)).ShouldBe(0, "nothing new to fold");
        await Reopen(Today.AddDays(-3));
        (await _rollup.RollUpOnceAsync(CancellationToken.None)).ShouldBe(3, "a reopened day is folded again, with the days after it");
        (await DaysAsync()).ShouldBe(rows, "folding again sets the figures, it never adds to them");
        (await UsedAsync()).ShouldBe(summed);
    }

    [Fact]
    public async Task RollUp_WaitsForADaysOpenGenerations()
    {
        var open = await AddAsync(Today.AddDays(-2), GenerationStatus.Generating, 15_000);
        await AddAsync(Today.AddDays(-1), GenerationStatus.Completed, 4_000);

        (await _rollup.RollUpOnceAsync(CancellationToken.None)).ShouldBe(0, "the first day still has a generation in flight");
        (await UsedAsync()).ShouldBe(19_000);

        await SetStatusAsync(open, GenerationStatus.Failed);
        (await _rollup.RollUpOnceAsync(CancellationToken.None)).ShouldBe(2);
        (await UsedAsync()).ShouldBe(4_000);
        (await UsedAsync()).ShouldBe(await SumOfGenerationsAsync());
    }

    [Fact]
    public async Task RetryingAFailedGenerationOfARolledUpDay_CountsItAgainAtOnce()
    {
        var failed = await AddAsync(Today.AddDays(-2), GenerationStatus.Failed, 8_000);
        await AddAsync(Today.AddDays(-2), GenerationStatus.Completed, 2_000);
        (await _rollup.RollUpOnceAsync(CancellationToken.None)).ShouldBe(2);
        (await UsedAsync()).ShouldBe(2_000);

        // What the API's retry does, in one transaction: back to Queued, and the day reopened.
        await using (_environment.Scope(out var db))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Generations.Where(g => g.Id == failed).ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, GenerationStatus.Queued));
            await UsageLedger.ReopenAsync(db, Today.AddDays(-2), CancellationToken.None);
            await transaction.CommitAsync();
        }

        (await UsedAsync()).ShouldBe(10_000);
        (await UsedAsync()).ShouldBe(await SumOfGenerationsAsync());
        (await _rollup.RollUpOnceAsync(CancellationToken.None)).ShouldBe(0, "its day waits while it runs again");
        await SetStatusAsync(failed, GenerationStatus.Completed);
        (await _rollup.RollUpOnceAsync(CancellationToken.None)).ShouldBe(2);
        (await UsedAsync()).ShouldBe(10_000);
    }

    [Fact]
    public async Task DeletingOldGenerations_DoesNotChangeUsage()
    {
        var rolled = await AddAsync(Today.AddDays(-4), GenerationStatus.Completed, 20_000);
        var failed = await AddAsync(Today.AddDays(-4), GenerationStatus.Failed, 4_000);
        var kept = await AddAsync(Today.AddDays(-3), GenerationStatus.Completed, 6_000);
        var live = await AddAsync(Today.AddMinutes(1), GenerationStatus.Completed, 9_000);
        (await _rollup.RollUpOnceAsync(CancellationToken.None)).ShouldBe(4);
        (await UsedAsync()).ShouldBe(35_000);

        foreach (var id in new[] { rolled, failed, live })
        {
            await using (_environment.Scope(out var db))
            {
                (await UsageLedger.DeleteGenerationAsync(db, _environment.UserId, id, CancellationToken.None)).ShouldBeTrue();
            }

            (await UsedAsync()).ShouldBe(35_000, "billing outlives the generation");
        }

        await using (_environment.Scope(out var db))
        {
            (await UsageLedger.DeleteGenerationAsync(db, _environment.UserId, rolled, CancellationToken.None)).ShouldBeFalse("it is gone");
            (await UsageLedger.DeleteGenerationAsync(db, Guid.NewGuid(), kept, CancellationToken.None)).ShouldBeFalse("only the owner deletes");
        }

        (await _rollup.RollUpOnceAsync(CancellationToken.None)).ShouldBe(4, "the delete reopened its day");
        (await UsedAsync()).ShouldBe(35_000);
        (await DaysAsync()).ShouldBe([(Today.AddDays(-4), 0, 0L, 20_000L), (Today.AddDays(-3), 1, 6_000L, 0L), (Today, 0, 0L, 9_000L)]);
        (await UsedAsync(Today)).ShouldBe(9_000, "today's deleted generation still counts today");
    }

    [Fact]
    public async Task RollUp_RunsOnSqlite()
    {
        // The embedded default runs the Worker on SQLite, where times are ticks through a converter.
        var file = Path.Combine(Path.GetTempPath(), $"musicgen-usage-{Guid.NewGuid():N}.db");
        var database = MusicDatabase.Parse($"Data Source={file};Pooling=False");
        await using var services = new ServiceCollection()
            .AddSingleton(database)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddDbContext<MusicDbContext>(database.Configure)
            .AddScoped<MusicDbMigrator>()
            .BuildServiceProvider();
        try
        {
            var userId = Guid.CreateVersion7();
            Guid deleted;
            await using (var scope = services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<MusicDbMigrator>().MigrateAsync(CancellationToken.None);
                var db = scope.ServiceProvider.GetRequiredService<MusicDbContext>();
                db.Users.Add(new User { Id = userId, Email = "sqlite@example.test", DisplayName = "SQLite", CreatedAt = DateTimeOffset.UtcNow });
                var generations = new[] { (Today.AddDays(-2), 5_000L), (Today.AddDays(-1), 7_000L), (Today.AddMinutes(1), 11_000L) }
                    .Select(g => NewGeneration(userId, g.Item1, GenerationStatus.Completed, g.Item2)).ToList();
                db.Generations.AddRange(generations);
                await db.SaveChangesAsync();
                deleted = generations[0].Id;
            }

            var rollup = new UsageRollup(services.GetRequiredService<IServiceScopeFactory>(), Options.Create(new MaintenanceOptions { UsageRollupDelay = TimeSpan.Zero }),
                _environment.Client, TimeProvider.System, NullLogger<UsageRollup>.Instance);
            (await rollup.RollUpOnceAsync(CancellationToken.None)).ShouldBe(2);
            (await rollup.RollUpOnceAsync(CancellationToken.None)).ShouldBe(0);
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<MusicDbContext>();
                (await UsageLedger.UsedMsAsync(db, userId, From, CancellationToken.None)).ShouldBe(23_000);
                (await UsageLedger.DeleteGenerationAsync(db, userId, deleted, CancellationToken.None)).ShouldBeTrue();
                (await UsageLedger.UsedMsAsync(db, userId, From, CancellationToken.None)).ShouldBe(23_000);
            }

            (await rollup.RollUpOnceAsync(CancellationToken.None)).ShouldBe(2);
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<MusicDbContext>();
                (await UsageLedger.UsedMsAsync(db, userId, From, CancellationToken.None)).ShouldBe(23_000);
                (await db.UsageWatermarks.SingleAsync()).RolledThrough.ShouldBe(Today);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<Guid> AddAsync(DateTimeOffset createdAt, GenerationStatus status, long billedMs)
    {
        var generation = NewGeneration(_environment.UserId, createdAt, status, billedMs);
        await using var scope = _environment.Scope(out var db);
        db.Generations.Add(generation);
        await db.SaveChangesAsync();
        return generation.Id;
    }

    private static Generation NewGeneration(Guid userId, DateTimeOffset createdAt, GenerationStatus status, long billedMs) => new()
    {
        Id = Guid.CreateVersion7(),
        UserId = userId,
        Name = "Usage",
        Prompt = "lo-fi piano",
        LengthMs = (int)billedMs,
        OutputFormat = "mp3_44100_128",
        Variations = 1,
        Provider = "local",
        BilledAudioMs = billedMs,
        Status = status,
        CreatedAt = createdAt,
        UpdatedAt = createdAt,
    };

    private async Task SetStatusAsync(Guid id, GenerationStatus status)
    {
        await using var scope = _environment.Scope(out var db);
        await db.Generations.Where(g => g.Id == id).ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, status));
    }

    private async Task Reopen(DateTimeOffset day)
    {
        await using var scope = _environment.Scope(out var db);
        await UsageLedger.ReopenAsync(db, day, CancellationToken.None);
    }

    private async Task<long> UsedAsync(DateTimeOffset? from = null)
    {
        await using var scope = _environment.Scope(out var db);
        return await UsageLedger.UsedMsAsync(db, _environment.UserId, from ?? From, CancellationToken.None);
    }

    /// <summary>The figure before roll-ups existed: the generations that count, summed.</summary>
    private async Task<long> SumOfGenerationsAsync()
    {
        await using var scope = _environment.Scope(out var db);
        return await db.Generations.Where(g => g.UserId == _environment.UserId && g.CreatedAt >= From && g.Status != GenerationStatus.Failed && g.Status != GenerationStatus.Canceled)
            .SumAsync(g => g.BilledAudioMs);
    }

    private async Task<List<(DateTimeOffset Day, int Generations, long BilledMs, long DeletedMs)>> DaysAsync()
    {
        await using var scope = _environment.Scope(out var db);
        var rows = await db.UsageDays.AsNoTracking().Where(d => d.UserId == _environment.UserId).OrderBy(d => d.Day).ToListAsync();
        return [.. rows.Select(d => (d.Day, d.Generations, d.BilledAudioMs, d.DeletedBilledAudioMs))];
    }

    private async Task<UsageWatermark> WatermarkAsync()
    {
        await using var scope = _environment.Scope(out var db);
        return await db.UsageWatermarks.AsNoTracking().SingleAsync();
    }
}
