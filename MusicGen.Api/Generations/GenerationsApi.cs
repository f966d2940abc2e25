using System.ComponentModel;
using System.Globalization;
using System.Security.Claims;
using MusicGen.Api.Accounts;
using MusicGen.Api.Problems;
using MusicGen.Contracts.Generations;
using MusicGen.Core.Data;
using MusicGen.Core.Generations;
using MusicGen.Core.Usage;
using MusicGen.Engine.Scores;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MusicGen.Api.Generations;

public static class GenerationsApi
{
    public const string SubmitRateLimitPolicy = "generation-submit";
    public const string IdempotencyHeader = "Idempotency-Key";

    public static RouteGroupBuilder MapGenerationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/generations").WithTags("Generations").RequireAuthorization();
        api.MapPost("/", Create).RequireRateLimiting(SubmitRateLimitPolicy)
            .WithName("CreateGeneration").WithSummary("Submit a generation")
            .WithDescription("Validates, checks your monthly quota and rate limit, stores the generation and queues it. Answers 202 with Location. With an Idempotency-Key header, repeating the same request returns the same generation; reusing the key for a different request is a 422.");
        api.MapGet("/{id:guid}", Get).WithName("GetGeneration").WithSummary("Get a generation")
            .WithDescription("Status, stage, progress, error and tracks with their download URLs.");
        api.MapGet("/", List).WithName("ListGenerations").WithSummary("List your generations")
            .WithDescription("Newest first, paged; filter by status and genre, search by name.");
        api.MapPost("/{id:guid}/cancel", Cancel).WithName("CancelGeneration").WithSummary("Cancel a generation")
            .WithDescription("Stops a queued or running generation. A finished one cannot be canceled (409).");
        api.MapPost("/{id:guid}/retry", Retry).WithName("RetryGeneration").WithSummary("Retry a failed or canceled generation")
            .WithDescription("Puts it back in the queue with its original parameters.");
        api.MapDelete("/{id:guid}", Delete).WithName("DeleteGeneration").WithSummary("Delete a generation")
            .WithDescription("Deletes the generation, its tracks and their stored files. Its audio still counts toward this month's quota.");
        api.MapGet("/{id:guid}/events", Events).WithName("GenerationEvents").WithSummary("Follow a generation live")
            .WithDescription("Server-Sent Events (event 'status') with status, stage and progress: the current state first, then each change as the Worker reports it, until the generation finishes. A ': heartbeat' comment comes every 15 s.")
            .Produces<GenerationEvent>(StatusCodes.Status200OK, "text/event-stream");
        return api;
    }

    public static async Task<Results<Accepted<GenerationResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateGenerationRequest request,
        [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey,
        ClaimsPrincipal principal,
        GenerationSubmitter submitter,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var errors = GenerationRequestValidator.Validate(request);
        if (idempotencyKey is { Length: 0 or > 200 })
        {
            errors[IdempotencyHeader] = ["The Idempotency-Key header must be 1 to 200 characters long."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The generation request is invalid.", detail: string.Join(" ", errors.Values.SelectMany(e => e)));
        }

        var outcome = await submitter.SubmitAsync(principal.GetUserId(), request, idempotencyKey, cancellationToken);
        switch (outcome)
        {
            case SubmitOutcome.Accepted accepted:
                return TypedResults.Accepted($"/api/v1/generations/{accepted.Generation.Id}", accepted.Generation.ToResponse());
            case SubmitOutcome.IdempotencyConflict:
                return FieldProblem.Create(
                    StatusCodes.Status422UnprocessableEntity,
                    "The Idempotency-Key was already used for a different request.",
                    IdempotencyHeader,
                    "This Idempotency-Key belongs to an earlier request with a different body. Use a new key for a new request, or resend the original body.");
            case SubmitOutcome.QuotaExceeded exceeded:
                var retryAfter = (int)Math.Ceiling((exceeded.Usage.ResetsAt - DateTimeOffset.UtcNow).TotalSeconds);
                context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                return FieldProblem.Create(
                    StatusCodes.Status429TooManyRequests,
                    "Monthly audio quota exceeded.",
                    "lengthMs",
                    $"This request needs {exceeded.RequestedMs / 1000.0:0.#} s of audio (lengthMs × variations) but {exceeded.Usage.RemainingMs / 1000.0:0.#} s of your {exceeded.Usage.LimitSeconds} s monthly quota remain. Ask for less, or wait until {exceeded.Usage.ResetsAt:yyyy-MM-dd} UTC.");
            default:
                return TypedResults.Problem(title: "Unknown user.", detail: "Your account no longer exists; sign in again.", statusCode: StatusCodes.Status401Unauthorized);
        }
    }

    public static async Task<Results<Ok<GenerationResponse>, CachedJsonResult, NotFound>> Get(Guid id, ClaimsPrincipal principal, MusicDbContext db, GenerationStatusCache cache, CancellationToken cancellationToken)
    {
        var userId = principal.GetUserId();
        var read = await cache.ReadAsync(id, userId, cancellationToken);
        if (read.Json is { } cached)
        {
            return new CachedJsonResult(cached);
        }

        var generation = await Owned(db, principal).Include(g => g.Tracks).ThenInclude(t => t.Files).SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (generation is null)
        {
            return TypedResults.NotFound();
        }

        var response = generation.ToResponse();
        await cache.SetAsync(userId, response, read.Version, cancellationToken);
        return TypedResults.Ok(response);
    }

    public static async Task<Results<Ok<GenerationPage>, ValidationProblem>> List(
        ClaimsPrincipal principal,
        MusicDbContext db,
        [Description("Only generations in this status: Queued, Generating, Completed, Failed or Canceled.")] string? status,
        [Description("Only generations whose name contains this text.")] string? search,
        [Description("Only generations in this genre, as the engine reads the prompt: lofi, hiphop, pop, rock, house, techno, trance, dnb, synthwave, ambient, cinematic, jazz, piano or funk.")] string? genre,
        CancellationToken cancellationToken,
        [Description("1-based page number.")] int page = 1,
        [Description("Items per page, 1 to 100.")] int pageSize = 20)
    {
        if (page < 1 || pageSize is < 1 or > 100)
        {
            return FieldProblem.Invalid(page < 1 ? "page" : "pageSize", page < 1 ? "page must be 1 or more." : "pageSize must be between 1 and 100.");
        }

        var query = Owned(db, principal);
        if (status is not null)
        {
            if (!Enum.TryParse<GenerationStatus>(status, ignoreCase: true, out var wanted) || int.TryParse(status, out _))
            {
                return FieldProblem.Invalid("status", $"status '{status}' is unknown; use Queued, Generating, Completed, Failed or Canceled.");
            }

            query = query.Where(g => g.Status == wanted);
        }

        if (genre is not null)
        {
            if (GenreNames.Parse(genre) is not { } wantedGenre)
            {
                return FieldProblem.Invalid("genre", $"genre '{genre}' is unknown; use one of {string.Join(", ", GenreNames.Ids)}.");
            }

            var id = GenreNames.Id(wantedGenre);
            query = query.Where(g => g.Genre == id);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            query = query.Where(g => g.Name.Contains(text));
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(g => g.CreatedAt).ThenByDescending(g => g.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Include(g => g.Tracks).ThenInclude(t => t.Files)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new GenerationPage([.. items.Select(g => g.ToResponse())], page, pageSize, total));
    }

    public static async Task<Results<Ok<GenerationResponse>, NotFound, ProblemHttpResult>> Cancel(
        Guid id, ClaimsPrincipal principal, MusicDbContext db, GenerationStatusCache cache, GenerationEventHub events, TimeProvider time, CancellationToken cancellationToken)
    {
        var generation = await Owned(db, principal).Include(g => g.Tracks).ThenInclude(t => t.Files).SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (generation is null)
        {
            return TypedResults.NotFound();
        }

        if (generation.IsTerminal)
        {
            return TypedResults.Problem(title: "The generation has already finished.", detail: $"It is {generation.Status}; only Queued or Generating generations can be canceled.", statusCode: StatusCodes.Status409Conflict);
        }

        // Conditional on the status read above: a Worker finishing at the same moment wins, and the cancel becomes a 409.
        var now = time.GetUtcNow();
        var changed = await db.Generations
            .Where(g => g.Id == id && g.Status == generation.Status)
            .ExecuteUpdateAsync(set => set
                .SetProperty(g => g.Status, GenerationStatus.Canceled)
                .SetProperty(g => g.UpdatedAt, now)
                .SetProperty(g => g.CompletedAt, now), cancellationToken);
        await cache.InvalidateAsync(id, cancellationToken);
        if (changed == 0)
        {
            var status = await db.Generations.Where(g => g.Id == id).Select(g => g.Status).SingleAsync(cancellationToken);
            return TypedResults.Problem(title: "The generation has already finished.", detail: $"It is {status}; only Queued or Generating generations can be canceled.", statusCode: StatusCodes.Status409Conflict);
        }

        generation.Status = GenerationStatus.Canceled;
        generation.UpdatedAt = now;
        generation.CompletedAt = now;
        await events.PublishAsync(generation.ToEvent(), cancellationToken);
        return TypedResults.Ok(generation.ToResponse());
    }

    public static async Task<Results<Accepted<GenerationResponse>, NotFound, ProblemHttpResult>> Retry(
        Guid id, ClaimsPrincipal principal, MusicDbContext db, IGenerationQueue queue, GenerationStatusCache cache, GenerationEventHub events, TimeProvider time, CancellationToken cancellationToken)
    {
        var generation = await Owned(db, principal, tracking: true).Include(g => g.Tracks).ThenInclude(t => t.Files).SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (generation is null)
        {
            return TypedResults.NotFound();
        }

        if (generation.Status is not (GenerationStatus.Failed or GenerationStatus.Canceled))
        {
            return TypedResults.Problem(title: "Only failed or canceled generations can be retried.", detail: $"It is {generation.Status}.", statusCode: StatusCodes.Status409Conflict);
        }

        generation.Status = GenerationStatus.Queued;
        generation.Stage = null;
        generation.Progress = 0;
        generation.ErrorCode = null;
        generation.ErrorMessage = null;
        generation.CompletedAt = null;
        generation.UpdatedAt = time.GetUtcNow();

        // It counts toward the quota again: its day's usage, if already rolled up, is folded anew.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            await UsageLedger.ReopenAsync(db, generation.CreatedAt, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await cache.InvalidateAsync(id, cancellationToken);
        await events.PublishAsync(generation.ToEvent(), cancellationToken);
        await queue.RequeueAsync(generation.Id, cancellationToken);
        return TypedResults.Accepted($"/api/v1/generations/{generation.Id}", generation.ToResponse());
    }

    public static async Task<Results<NoContent, NotFound>> Delete(
        Guid id, ClaimsPrincipal principal, MusicDbContext db, GenerationStatusCache cache, GenerationBlobs blobs, CancellationToken cancellationToken)
    {
        var userId = principal.GetUserId();
        var keys = await db.TrackFiles
            .Where(f => db.Tracks.Any(t => t.Id == f.TrackId && t.GenerationId == id && db.Generations.Any(g => g.Id == id && g.UserId == userId)))
            .Select(f => f.StorageKey).ToListAsync(cancellationToken);
        var deleted = await UsageLedger.DeleteGenerationAsync(db, userId, id, cancellationToken);
        await cache.InvalidateAsync(id, cancellationToken);
        if (!deleted)
        {
            return TypedResults.NotFound();
        }

        // After the rows: a file without a row is swept later, a row without its file would be a broken download.
        await blobs.DeleteAsync(id, keys, CancellationToken.None);
        return TypedResults.NoContent();
    }

    public static async Task<Results<GenerationEventStream, NotFound>> Events(Guid id, ClaimsPrincipal principal, MusicDbContext db, CancellationToken cancellationToken)
    {
        var userId = principal.GetUserId();
        return await db.Generations.AnyAsync(g => g.Id == id && g.UserId == userId, cancellationToken)
            ? new GenerationEventStream(id, userId)
            : TypedResults.NotFound();
    }

    private static IQueryable<Generation> Owned(MusicDbContext db, ClaimsPrincipal principal, bool tracking = false)
    {
        var userId = principal.GetUserId();
        var query = db.Generations.Where(g => g.UserId == userId);
        return tracking ? query : query.AsNoTracking();
    }
}
