using System.ComponentModel;
using MusicGen.Api.Accounts;
using MusicGen.Api.Generations;
using MusicGen.Api.Problems;
using MusicGen.Contracts.Admin;
using MusicGen.Core.Data;
using MusicGen.Core.Generations;
using MusicGen.Redis;
using MusicGen.Redis.Queue;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MusicGen.Api.Admin;

/// <summary>The generation queue for operators: counts, throughput, pause/resume, failed generations. Admin role only (403 otherwise).</summary>
public static class AdminQueuesApi
{
    public const int ThroughputWindowMinutes = 60;

    /// <summary>Retry-all works in batches so one request never holds thousands of rows.</summary>
    public const int RetryAllLimit = 1000;

    public static RouteGroupBuilder MapAdminQueuesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization(AuthSchemes.AdminPolicy);
        api.MapGet("/queues", Overview).WithName("AdminQueueOverview").WithSummary("Queue counts and throughput")
            .WithDescription("Jobs per state in Redis, generations per status in the database, and generations completed and failed per minute over the last hour.");
        api.MapPost("/queues/pause", Pause).WithName("AdminPauseQueue").WithSummary("Pause the generation queue")
            .WithDescription("Workers stop taking jobs (running ones finish); submissions are still accepted and wait.");
        api.MapPost("/queues/resume", Resume).WithName("AdminResumeQueue").WithSummary("Resume the generation queue")
            .WithDescription("Workers take jobs again.");
        api.MapGet("/queues/failed", Failed).WithName("AdminFailedGenerations").WithSummary("Failed generations")
            .WithDescription("Every user's failed generations with their error code and message, most recent first, paged.");
        api.MapPost("/queues/failed/{id:guid}/retry", Retry).WithName("AdminRetryFailedGeneration").WithSummary("Retry one failed generation")
            .WithDescription("Puts the generation back to Queued and its job back in the queue.");
        api.MapPost("/queues/failed/retry-all", RetryAll).WithName("AdminRetryAllFailed").WithSummary("Retry failed generations")
            .WithDescription($"Retries up to {RetryAllLimit} failed generations, oldest first; call again for more.");
        api.MapPost("/queues/clean", Clean).WithName("AdminCleanFailedJobs").WithSummary("Remove failed jobs from the queue")
            .WithDescription("Deletes failed job records from Redis (older than olderThanSeconds, default 0). The generations stay Failed in the database and can still be retried.");
        api.MapGet("/providers", Providers).WithName("AdminProviders").WithSummary("Provider health")
            .WithDescription("Which music providers are configured.");
        return api;
    }

    public static async Task<Ok<QueueOverview>> Overview(MusicDbContext db, JobQueue queue, TimeProvider time, CancellationToken cancellationToken)
    {
        QueueCountsResponse? counts = null;
        string? queueError = null;
        try
        {
            counts = ToResponse(await queue.GetCountsAsync(cancellationToken));
        }
        catch (RedisException e)
        {
            queueError = $"The queue cannot be read right now: {e.Message}";
        }

        var byStatus = await db.Generations.GroupBy(g => g.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var generations = Enum.GetValues<GenerationStatus>().ToDictionary(s => s.ToString(), s => byStatus.SingleOrDefault(x => x.Key == s)?.Count ?? 0);
        return TypedResults.Ok(new QueueOverview(counts, queueError, generations, await ThroughputAsync(db, time.GetUtcNow(), cancellationToken)));
    }

    public static async Task<Ok<QueueCountsResponse>> Pause(JobQueue queue, CancellationToken cancellationToken)
    {
        await queue.PauseAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(await queue.GetCountsAsync(cancellationToken)));
    }

    public static async Task<Ok<QueueCountsResponse>> Resume(JobQueue queue, CancellationToken cancellationToken)
    {
        await queue.ResumeAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(await queue.GetCountsAsync(cancellationToken)));
    }

    public static async Task<Results<Ok<FailedGenerationPage>, ValidationProblem>> Failed(
        MusicDbContext db,
        CancellationToken cancellationToken,
        [Description("1-based page number.")] int page = 1,
        [Description("Items per page, 1 to 100.")] int pageSize = 20)
    {
        if (Paging.Validate(page, pageSize) is { } invalid)
        {
            return invalid;
        }

        var query = db.Generations.AsNoTracking().Where(g => g.Status == GenerationStatus.Failed);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(g => g.UpdatedAt).ThenByDescending(g => g.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(g => new FailedGeneration(g.Id, g.UserId, g.Name, g.Provider, g.ErrorCode, g.ErrorMessage, g.Attempts, g.CreatedAt, g.CompletedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new FailedGenerationPage(items, page, pageSize, total));
    }

    public static async Task<Results<Accepted<FailedGeneration>, NotFound, ProblemHttpResult>> Retry(
        Guid id, MusicDbContext db, IGenerationQueue queue, GenerationStatusCache cache, TimeProvider time, CancellationToken cancellationToken)
    {
        var generation = await db.Generations.SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (generation is null)
        {
            return TypedResults.NotFound();
        }

        if (generation.Status != GenerationStatus.Failed)
        {
            return TypedResults.Problem(title: "Only failed generations can be retried here.", detail: $"The generation is {generation.Status}.", statusCode: StatusCodes.Status409Conflict);
        }

        await RequeueAsync(db, queue, cache, generation, time.GetUtcNow(), cancellationToken);
        return TypedResults.Accepted($"/api/v1/generations/{generation.Id}", ToFailed(generation));
    }

    public static async Task<Ok<QueueActionResult>> RetryAll(MusicDbContext db, IGenerationQueue queue, GenerationStatusCache cache, TimeProvider time, CancellationToken cancellationToken)
    {
        var failed = await db.Generations.Where(g => g.Status == GenerationStatus.Failed).OrderBy(g => g.UpdatedAt).Take(RetryAllLimit).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var generation in failed)
        {
            await RequeueAsync(db, queue, cache, generation, now, cancellationToken);
        }

        return TypedResults.Ok(new QueueActionResult(failed.Count));
    }

    public static async Task<Results<Ok<QueueActionResult>, ValidationProblem>> Clean(
        JobQueue queue,
        CancellationToken cancellationToken,
        [Description("Only failed jobs that failed at least this many seconds ago.")] int olderThanSeconds = 0)
    {
        if (olderThanSeconds < 0)
        {
            return FieldProblem.Invalid("olderThanSeconds", "olderThanSeconds must be 0 or more.");
        }

        var removed = 0;
        int batch;
        do
        {
            batch = await queue.CleanAsync(JobState.Failed, TimeSpan.FromSeconds(olderThanSeconds), 1000, cancellationToken);
            removed += batch;
        }
        while (batch == 1000);
        return TypedResults.Ok(new QueueActionResult(removed));
    }

    public static Ok<List<ProviderHealth>> Providers(IConfiguration configuration) =>
        TypedResults.Ok(new List<ProviderHealth>
        {
            new("local", true, "The built-in engine; always available."),
            Keyed(configuration, "ElevenLabs"),
            Keyed(configuration, "Suno"),
        });

    /// <summary>
    /// The database says Queued first (the reconciler would re-enqueue it even if Redis were down
    /// now), then the job goes back in line; the status cache entry is dropped so readers see it.
    /// </summary>
    private static async Task RequeueAsync(MusicDbContext db, IGenerationQueue queue, GenerationStatusCache cache, Generation generation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        generation.Status = GenerationStatus.Queued;
        generation.Stage = null;
        generation.Progress = 0;
        generation.ErrorCode = null;
        generation.ErrorMessage = null;
        generation.CompletedAt = null;
        generation.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await cache.InvalidateAsync(generation.Id, cancellationToken);
        await queue.RequeueAsync(generation.Id, cancellationToken);
    }

    private static async Task<ThroughputResponse> ThroughputAsync(MusicDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var end = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(1);
        var start = end.AddMinutes(-ThroughputWindowMinutes);
        var ended = await db.Generations.AsNoTracking()
            .Where(g => g.CompletedAt >= start && (g.Status == GenerationStatus.Completed || g.Status == GenerationStatus.Failed))
            .Select(g => new { g.Status, g.CompletedAt })
            .ToListAsync(cancellationToken);
        var minutes = Enumerable.Range(0, ThroughputWindowMinutes).Select(i =>
        {
            var from = start.AddMinutes(i);
            var inMinute = ended.Where(g => g.CompletedAt >= from && g.CompletedAt < from.AddMinutes(1)).ToList();
            return new ThroughputMinute(from, inMinute.Count(g => g.Status == GenerationStatus.Completed), inMinute.Count(g => g.Status == GenerationStatus.Failed));
        }).ToList();
        var completed = minutes.Sum(m => m.Completed);
        var failed = minutes.Sum(m => m.Failed);
        return new ThroughputResponse(ThroughputWindowMinutes, completed, failed, completed / (double)ThroughputWindowMinutes, failed / (double)ThroughputWindowMinutes, minutes);
    }

    private static ProviderHealth Keyed(IConfiguration configuration, string name) =>
        string.IsNullOrWhiteSpace(configuration[$"Providers:{name}:ApiKey"])
            ? new ProviderHealth(name.ToLowerInvariant(), false, $"Not configured: set Providers:{name}:ApiKey (env Providers__{name}__ApiKey).")
            : new ProviderHealth(name.ToLowerInvariant(), true, "API key configured.");

    private static QueueCountsResponse ToResponse(JobCounts counts) =>
        new(counts.Waiting, counts.Prioritized, counts.Delayed, counts.Active, counts.Completed, counts.Failed, counts.IsPaused);

    private static FailedGeneration ToFailed(Generation g) => new(g.Id, g.UserId, g.Name, g.Provider, g.ErrorCode, g.ErrorMessage, g.Attempts, g.CreatedAt, g.CompletedAt);
}
