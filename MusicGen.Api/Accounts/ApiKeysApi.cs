using System.Security.Claims;
using MusicGen.Contracts.Accounts;
using MusicGen.Core.Accounts;
using MusicGen.Core.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MusicGen.Api.Accounts;

public static class ApiKeysApi
{
    public static RouteGroupBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/api-keys").WithTags("API keys").RequireAuthorization();
        api.MapPost("/", Create).WithName("CreateApiKey").WithSummary("Create an API key")
            .WithDescription("Returns the key once; store it. Send it as 'X-API-Key: mg_…' or 'Authorization: Bearer mg_…'.");
        api.MapGet("/", List).WithName("ListApiKeys").WithSummary("List your API keys")
            .WithDescription("Names, prefixes and dates of your keys, revoked ones included; never the keys themselves.");
        api.MapDelete("/{id:guid}", Revoke).WithName("RevokeApiKey").WithSummary("Revoke an API key")
            .WithDescription("The key stops working at once.");
        return api;
    }

    public static async Task<Created<ApiKeyCreated>> Create(CreateApiKeyRequest request, ClaimsPrincipal principal, MusicDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var key = Secrets.NewApiKey();
        var apiKey = new ApiKey
        {
            Id = Guid.CreateVersion7(),
            UserId = principal.GetUserId(),
            Name = request.Name.Trim(),
            Prefix = key[..10],
            Hash = Secrets.Hash(key),
            CreatedAt = time.GetUtcNow(),
        };
        db.ApiKeys.Add(apiKey);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/api-keys/{apiKey.Id}", new ApiKeyCreated(apiKey.Id, apiKey.Name, apiKey.Prefix, key, apiKey.CreatedAt));
    }

    public static async Task<Ok<List<ApiKeySummary>>> List(ClaimsPrincipal principal, MusicDbContext db, CancellationToken cancellationToken)
    {
        var userId = principal.GetUserId();
        var keys = await db.ApiKeys.AsNoTracking()
            .Where(k => k.UserId == userId)
            .OrderBy(k => k.CreatedAt)
            .Select(k => new ApiKeySummary(k.Id, k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(keys);
    }

    public static async Task<Results<NoContent, NotFound>> Revoke(Guid id, ClaimsPrincipal principal, MusicDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var userId = principal.GetUserId();
        var now = time.GetUtcNow();
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id && k.UserId == userId, cancellationToken);
        if (key is null)
        {
            return TypedResults.NotFound();
        }

        key.RevokedAt ??= now;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
