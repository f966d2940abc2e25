using System.ComponentModel;
using System.Security.Claims;
using System.Text.Json;
using MusicGen.Api.Accounts;
using MusicGen.Api.Problems;
using MusicGen.Contracts.Webhooks;
using MusicGen.Core.Data;
using MusicGen.Core.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MusicGen.Api.Webhooks;

/// <summary>Your webhook subscriptions, their delivery log and test pings. Another user's subscription answers 404.</summary>
public static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/webhooks").WithTags("Webhooks").RequireAuthorization();
        api.MapPost("/", Create).WithName("CreateWebhook").WithSummary("Subscribe a URL to generation events")
            .WithDescription("Returns the signing secret once; keep it to verify the MusicGen-Signature header (docs/webhooks.md). Events: generation.completed, generation.failed (empty: both).");
        api.MapGet("/", List).WithName("ListWebhooks").WithSummary("List your subscriptions")
            .WithDescription("URLs, events and state; secrets are never shown again, only their first characters.");
        api.MapGet("/{id:guid}", Get).WithName("GetWebhook").WithSummary("Get a subscription")
            .WithDescription("Its URL, events and state.");
        api.MapPut("/{id:guid}", Update).WithName("UpdateWebhook").WithSummary("Change a subscription")
            .WithDescription("Replaces the URL, the events and the active flag; the secret stays.");
        api.MapDelete("/{id:guid}", Delete).WithName("DeleteWebhook").WithSummary("Delete a subscription")
            .WithDescription("Stops deliveries at once, pending retries included.");
        api.MapPost("/{id:guid}/test", Test).WithName("TestWebhook").WithSummary("Send a signed ping now")
            .WithDescription("Sends a 'ping' event to the subscription's URL right away and answers with the delivery: its status, response status or error. A failed ping is not retried.");
        api.MapGet("/{id:guid}/deliveries", SubscriptionDeliveries).WithName("ListWebhookDeliveries").WithSummary("A subscription's delivery log")
            .WithDescription("Newest first, paged; each delivery with every attempt's time, response status and error.");
        api.MapGet("/deliveries", AllDeliveries).WithName("ListAllWebhookDeliveries").WithSummary("All your deliveries")
            .WithDescription("Deliveries to subscriptions and to generations' own webhookUrl, newest first, paged; filter by generation.");
        api.MapGet("/signing-secret", GetSigningSecret).WithName("GetWebhookSigningSecret").WithSummary("The secret for per-request webhook URLs")
            .WithDescription("Deliveries to a generation's own webhookUrl are signed with this secret (subscriptions use their own).");
        api.MapPost("/signing-secret/rotate", RotateSigningSecret).WithName("RotateWebhookSigningSecret").WithSummary("Replace the per-request signing secret")
            .WithDescription("Deliveries signed from now on use the new secret.");
        return api;
    }

    public static async Task<Results<Created<WebhookSubscriptionCreated>, ValidationProblem>> Create(
        WebhookSubscriptionRequest request, ClaimsPrincipal principal, MusicDbContext db, IOptionsMonitor<WebhookOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Invalid(request, options) is { } problem)
        {
            return problem;
        }

        var subscription = new WebhookSubscription
        {
            Id = Guid.CreateVersion7(),
            UserId = principal.GetUserId(),
            Url = request.Url.Trim(),
            Secret = WebhookSecrets.New(),
            Events = WebhookSubscriptionValidator.ToCsv(request.Events),
            Active = request.Active,
            CreatedAt = time.GetUtcNow(),
        };
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        var created = subscription.ToResponse();
        return TypedResults.Created($"/api/v1/webhooks/{subscription.Id}", new WebhookSubscriptionCreated(created.Id, created.Url, created.Events, created.Active, subscription.Secret, created.CreatedAt));
    }

    public static async Task<Ok<List<WebhookSubscriptionResponse>>> List(ClaimsPrincipal principal, MusicDbContext db, CancellationToken cancellationToken)
    {
        var userId = principal.GetUserId();
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(subscriptions.Select(s => s.ToResponse()).ToList());
    }

    public static async Task<Results<Ok<WebhookSubscriptionResponse>, NotFound>> Get(Guid id, ClaimsPrincipal principal, MusicDbContext db, CancellationToken cancellationToken)
    {
        var subscription = await Owned(db, principal).AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        return subscription is null ? TypedResults.NotFound() : TypedResults.Ok(subscription.ToResponse());
    }

    public static async Task<Results<Ok<WebhookSubscriptionResponse>, NotFound, ValidationProblem>> Update(
        Guid id, WebhookSubscriptionRequest request, ClaimsPrincipal principal, MusicDbContext db, IOptionsMonitor<WebhookOptions> options, CancellationToken cancellationToken)
    {
        var subscription = await Owned(db, principal).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null)
        {
            return TypedResults.NotFound();
        }

        if (Invalid(request, options) is { } problem)
        {
            return problem;
        }

        subscription.Url = request.Url.Trim();
        subscription.Events = WebhookSubscriptionValidator.ToCsv(request.Events);
        subscription.Active = request.Active;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(subscription.ToResponse());
    }

    public static async Task<Results<NoContent, NotFound>> Delete(Guid id, ClaimsPrincipal principal, MusicDbContext db, CancellationToken cancellationToken)
    {
        var deleted = await Owned(db, principal).Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
    }

    public static async Task<Results<Ok<WebhookDeliveryResponse>, NotFound>> Test(
        Guid id, ClaimsPrincipal principal, MusicDbContext db, WebhookSender sender, WebhookDispatcher dispatcher, TimeProvider time, CancellationToken cancellationToken)
    {
        var subscription = await Owned(db, principal).AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null)
        {
            return TypedResults.NotFound();
        }

        var now = time.GetUtcNow();
        var deliveryId = Guid.CreateVersion7();
        var delivery = new WebhookDelivery
        {
            Id = deliveryId,
            UserId = subscription.UserId,
            SubscriptionId = subscription.Id,
            Url = subscription.Url,
            Event = WebhookEvents.Ping,
            Payload = JsonSerializer.Serialize(new { @event = WebhookEvents.Ping, deliveryId, subscriptionId = subscription.Id, createdAt = now }, JsonSerializerOptions.Web),
            Status = WebhookDeliveryStatus.Pending,
            Attempts = 1,
            CreatedAt = now,

            // Held by this request as if claimed, so no dispatcher sends it meanwhile.
            NextAttemptAt = now.AddDays(1),
        };
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);

        var result = await sender.SendAsync(delivery.Url, subscription.Secret, delivery.Event, delivery.Id, 1, delivery.Payload, cancellationToken);

        // A ping answers the person testing now; it is never retried later.
        await dispatcher.RecordAsync(db, delivery, 1, now, result with { Permanent = true }, cancellationToken);
        return TypedResults.Ok(await LoadAsync(db, delivery.Id, cancellationToken));
    }

    public static async Task<Results<Ok<WebhookDeliveryPage>, NotFound, ValidationProblem>> SubscriptionDeliveries(
        Guid id,
        ClaimsPrincipal principal,
        MusicDbContext db,
        CancellationToken cancellationToken,
        [Description("1-based page number.")] int page = 1,
        [Description("Items per page, 1 to 100.")] int pageSize = 20)
    {
        if (!await Owned(db, principal).AnyAsync(s => s.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        if (Paging.Validate(page, pageSize) is { } invalid)
        {
            return invalid;
        }

        var userId = principal.GetUserId();
        return TypedResults.Ok(await PageAsync(db, db.WebhookDeliveries.Where(d => d.UserId == userId && d.SubscriptionId == id), page, pageSize, cancellationToken));
    }

    public static async Task<Results<Ok<WebhookDeliveryPage>, ValidationProblem>> AllDeliveries(
        ClaimsPrincipal principal,
        MusicDbContext db,
        [Description("Only deliveries of this generation's events.")] Guid? generationId,
        CancellationToken cancellationToken,
        [Description("1-based page number.")] int page = 1,
        [Description("Items per page, 1 to 100.")] int pageSize = 20)
    {
        if (Paging.Validate(page, pageSize) is { } invalid)
        {
            return invalid;
        }

        var userId = principal.GetUserId();
        var query = db.WebhookDeliveries.Where(d => d.UserId == userId);
        if (generationId is { } generation)
        {
            query = query.Where(d => d.GenerationId == generation);
        }

        return TypedResults.Ok(await PageAsync(db, query, page, pageSize, cancellationToken));
    }

    public static async Task<Ok<WebhookSigningSecret>> GetSigningSecret(ClaimsPrincipal principal, MusicDbContext db, CancellationToken cancellationToken)
    {
        var secret = await WebhookSecrets.GetOrCreateUserSecretAsync(db, principal.GetUserId(), cancellationToken)
            ?? throw new InvalidOperationException("The signed-in user does not exist.");
        return TypedResults.Ok(new WebhookSigningSecret(secret));
    }

    public static async Task<Ok<WebhookSigningSecret>> RotateSigningSecret(ClaimsPrincipal principal, MusicDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(new WebhookSigningSecret(await WebhookSecrets.RotateUserSecretAsync(db, principal.GetUserId(), cancellationToken)));

    private static ValidationProblem? Invalid(WebhookSubscriptionRequest request, IOptionsMonitor<WebhookOptions> options)
    {
        var errors = WebhookSubscriptionValidator.Validate(request, options.CurrentValue.AllowPrivateNetworks);
        return errors.Count == 0
            ? null
            : TypedResults.ValidationProblem(errors, title: "The webhook subscription is invalid.", detail: string.Join(" ", errors.Values.SelectMany(e => e)));
    }

    private static IQueryable<WebhookSubscription> Owned(MusicDbContext db, ClaimsPrincipal principal)
    {
        var userId = principal.GetUserId();
        return db.WebhookSubscriptions.Where(s => s.UserId == userId);
    }

    private static async Task<WebhookDeliveryPage> PageAsync(MusicDbContext db, IQueryable<WebhookDelivery> query, int page, int pageSize, CancellationToken cancellationToken)
    {
        var total = await query.CountAsync(cancellationToken);
        var deliveries = await query.AsNoTracking().OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var ids = deliveries.Select(d => d.Id).ToList();
        var attempts = (await db.WebhookDeliveryAttempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).ToListAsync(cancellationToken))
            .ToLookup(a => a.DeliveryId);
        return new WebhookDeliveryPage([.. deliveries.Select(d => d.ToResponse(attempts[d.Id]))], page, pageSize, total);
    }

    private static async Task<WebhookDeliveryResponse> LoadAsync(MusicDbContext db, Guid deliveryId, CancellationToken cancellationToken)
    {
        var delivery = await db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == deliveryId, cancellationToken);
        var attempts = await db.WebhookDeliveryAttempts.AsNoTracking().Where(a => a.DeliveryId == deliveryId).ToListAsync(cancellationToken);
        return delivery.ToResponse(attempts);
    }
}
