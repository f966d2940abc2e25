using System.Security.Cryptography;
using System.Text.Json;
using MusicGen.Contracts.Generations;
using MusicGen.Core.Data;
using MusicGen.Core.Generations;
using MusicGen.Core.Outbox;
using Microsoft.EntityFrameworkCore;

namespace MusicGen.Api.Generations;

public abstract record SubmitOutcome
{
    public sealed record Accepted(Generation Generation, bool Replayed) : SubmitOutcome;

    public sealed record IdempotencyConflict : SubmitOutcome;

    public sealed record QuotaExceeded(QuotaUsage Usage, long RequestedMs) : SubmitOutcome;

    public sealed record UnknownUser : SubmitOutcome;
}

/// <summary>
/// The submit path: idempotency, quota, then the generation and its outbox row in one transaction
/// (on Postgres one statement), then the enqueue. If the enqueue fails the request still succeeds: the relay sends it later.
/// </summary>
public sealed class GenerationSubmitter(MusicDbContext db, QuotaService quota, QuotaUsageCounter usageCounter, OutboxSender outbox, TimeProvider time)
{
    public async Task<SubmitOutcome> SubmitAsync(Guid userId, CreateGenerationRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var requestHash = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request)));
        if (idempotencyKey is not null && await FindByKeyAsync(userId, idempotencyKey, cancellationToken) is { } existing)
        {
            return existing.RequestHash == requestHash ? new SubmitOutcome.Accepted(existing, true) : new SubmitOutcome.IdempotencyConflict();
        }

        var billedMs = (long)request.LengthMs * request.Variations;
        var now = time.GetUtcNow();
        var generation = NewGeneration(userId, request, idempotencyKey, requestHash, billedMs, now);
        var (traceParent, traceState) = OutboxSender.CurrentTraceContext();
        generation.Genre = EngineRequests.GenreOf(generation);
        var message = new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            Type = OutboxMessageTypes.EnqueueGeneration,
            AggregateId = generation.Id,
            Payload = JsonSerializer.Serialize(new GenerationJob(generation.Id)),
            CreatedAt = now,
            TraceParent = traceParent,
            TraceState = traceState,
        };

        // One connection for the whole submit: each EF open/close would take it from the pool and reset it again.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var stored = db.Database.IsNpgsql()
                ? await StoreInOneStatementAsync(generation, message, cancellationToken)
                : await StoreAsync(generation, message, cancellationToken);
            if (stored is not null)
            {
                return stored;
            }

            // Committed: finish the send even if the client has gone (the relay would otherwise resend it later).
            await outbox.TrySendAsync(message, CancellationToken.None);
            return new SubmitOutcome.Accepted(generation, false);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Postgres: quota check and both inserts in one statement (<see cref="PostgresSubmitStatement"/>); null when stored.</summary>
    private async Task<SubmitOutcome?> StoreInOneStatementAsync(Generation generation, OutboxMessage message, CancellationToken cancellationToken)
    {
        var monthStart = quota.MonthStart();
        var userId = generation.UserId;
        var billedMs = generation.BilledAudioMs;
        var countedUsedMs = await usageCounter.ReserveAsync(userId, monthStart, billedMs, cancellationToken);
        var result = await PostgresSubmitStatement.ExecuteAsync(db, generation, message, quota.DefaultMonthlySeconds, monthStart, countedUsedMs, cancellationToken);
        if (result is { Inserted: false } && countedUsedMs is not null && billedMs > new QuotaUsage(result.LimitSeconds, result.UsedMs, monthStart).RemainingMs)
        {
            // The counter still counts canceled and failed generations: let the exact sum decide, and refill the counter.
            await usageCounter.ForgetAsync(userId, monthStart, cancellationToken);
            countedUsedMs = null;
            result = await PostgresSubmitStatement.ExecuteAsync(db, generation, message, quota.DefaultMonthlySeconds, monthStart, null, cancellationToken);
        }

        if (result is null)
        {
            return new SubmitOutcome.UnknownUser();
        }

        if (result.Inserted)
        {
            if (countedUsedMs is null)
            {
                await usageCounter.FillAsync(userId, monthStart, result.UsedMs, billedMs, CancellationToken.None);
            }

            return null;
        }

        var usage = new QuotaUsage(result.LimitSeconds, result.UsedMs, monthStart.AddMonths(1));
        if (generation.BilledAudioMs > usage.RemainingMs)
        {
            return new SubmitOutcome.QuotaExceeded(usage, generation.BilledAudioMs);
        }

        // Within quota yet not inserted: a concurrent request with the same key won; answer as it did.
        return await ReplayAsync(generation, cancellationToken);
    }

    /// <summary>Other providers: the user, the quota sum, then one SaveChanges (one transaction); null when stored.</summary>
    private async Task<SubmitOutcome?> StoreAsync(Generation generation, OutboxMessage message, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == generation.UserId, cancellationToken);
        if (user is null)
        {
            return new SubmitOutcome.UnknownUser();
        }

        var usage = await quota.GetUsageAsync(user, cancellationToken);
        if (generation.BilledAudioMs > usage.RemainingMs)
        {
            return new SubmitOutcome.QuotaExceeded(usage, generation.BilledAudioMs);
        }

        db.Generations.Add(generation);
        db.OutboxMessages.Add(message);
        try
        {
            // One SaveChanges is one transaction: the generation never exists without its outbox row.
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException) when (generation.IdempotencyKey is not null)
        {
            // A concurrent request with the same key won the insert; answer as it did.
            db.ChangeTracker.Clear();
            return await ReplayAsync(generation, cancellationToken);
        }
    }

    private async Task<SubmitOutcome> ReplayAsync(Generation attempted, CancellationToken cancellationToken)
    {
        var winner = await FindByKeyAsync(attempted.UserId, attempted.IdempotencyKey!, cancellationToken) ?? throw new InvalidOperationException("Idempotency key conflict without a stored generation.");
        return winner.RequestHash == attempted.RequestHash ? new SubmitOutcome.Accepted(winner, true) : new SubmitOutcome.IdempotencyConflict();
    }

    private static Generation NewGeneration(Guid userId, CreateGenerationRequest request, string? idempotencyKey, string requestHash, long billedMs, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        UserId = userId,
        Name = string.IsNullOrWhiteSpace(request.Name) ? Untitled(request) : request.Name.Trim(),
        Prompt = request.Prompt?.Trim(),
        CompositionPlan = request.CompositionPlan?.GetRawText(),
        LengthMs = request.LengthMs,
        OutputFormat = request.OutputFormat,
        Variations = request.Variations,
        Seed = request.Seed,
        Instrumental = request.Instrumental,
        Lyrics = request.Lyrics,
        Provider = request.Provider,
        Model = request.Model,
        WebhookUrl = request.WebhookUrl,
        BilledAudioMs = billedMs,
        Status = GenerationStatus.Queued,
        IdempotencyKey = idempotencyKey,
        RequestHash = requestHash,
        CreatedAt = now,
        UpdatedAt = now,
    };

    private Task<Generation?> FindByKeyAsync(Guid userId, string key, CancellationToken cancellationToken) =>
        db.Generations.AsNoTracking().Include(g => g.Tracks).ThenInclude(t => t.Files)
            .SingleOrDefaultAsync(g => g.UserId == userId && g.IdempotencyKey == key, cancellationToken);

    private static string Untitled(CreateGenerationRequest request)
    {
        var source = request.Prompt?.Trim() ?? "Composition";
        return source.Length <= 60 ? source : source[..60].TrimEnd() + "…";
    }
}
