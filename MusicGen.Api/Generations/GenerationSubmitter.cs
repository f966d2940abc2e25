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
/// The submit path: idempotency, quota, then the generation and its outbox row in one transaction,
/// then the enqueue. If the enqueue fails the request still succeeds: the relay sends it later.
/// </summary>
public sealed class GenerationSubmitter(MusicDbContext db, QuotaService quota, OutboxSender outbox, TimeProvider time)
{
    public async Task<SubmitOutcome> SubmitAsync(Guid userId, CreateGenerationRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var requestHash = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request)));
        if (idempotencyKey is not null && await FindByKeyAsync(userId, idempotencyKey, cancellationToken) is { } existing)
        {
            return existing.RequestHash == requestHash ? new SubmitOutcome.Accepted(existing, true) : new SubmitOutcome.IdempotencyConflict();
        }

        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return new SubmitOutcome.UnknownUser();
        }

        var billedMs = (long)request.LengthMs * request.Variations;
        var usage = await quota.GetUsageAsync(user, cancellationToken);
        if (billedMs > usage.RemainingMs)
        {
            return new SubmitOutcome.QuotaExceeded(usage, billedMs);
        }

        var now = time.GetUtcNow();
        var generation = new Generation
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
        var message = new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            Type = OutboxMessageTypes.EnqueueGeneration,
            AggregateId = generation.Id,
            Payload = JsonSerializer.Serialize(new GenerationJob(generation.Id)),
            CreatedAt = now,
        };
        db.Generations.Add(generation);
        db.OutboxMessages.Add(message);
        try
        {
            // One SaveChanges is one transaction: the generation never exists without its outbox row.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (idempotencyKey is not null)
        {
            // A concurrent request with the same key won the insert; answer as it did.
            db.ChangeTracker.Clear();
            var winner = await FindByKeyAsync(userId, idempotencyKey, cancellationToken) ?? throw new InvalidOperationException("Idempotency key conflict without a stored generation.");
            return winner.RequestHash == requestHash ? new SubmitOutcome.Accepted(winner, true) : new SubmitOutcome.IdempotencyConflict();
        }

        await outbox.TrySendAsync(message, cancellationToken);
        return new SubmitOutcome.Accepted(generation, false);
    }

    private Task<Generation?> FindByKeyAsync(Guid userId, string key, CancellationToken cancellationToken) =>
        db.Generations.AsNoTracking().Include(g => g.Tracks).ThenInclude(t => t.Files)
            .SingleOrDefaultAsync(g => g.UserId == userId && g.IdempotencyKey == key, cancellationToken);

    private static string Untitled(CreateGenerationRequest request)
    {
        var source = request.Prompt?.Trim() ?? "Composition";
        return source.Length <= 60 ? source : source[..60].TrimEnd() + "…";
    }
}
