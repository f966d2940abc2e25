using System.Security.Claims;
using MusicGen.Api.Generations;
using MusicGen.Contracts.Accounts;
using MusicGen.Core.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MusicGen.Api.Accounts;

public static class MeApi
{
    public static RouteHandlerBuilder MapMeApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/me", GetMe).WithTags("Accounts").RequireAuthorization()
            .WithName("GetMe").WithSummary("Your profile, role and quota")
            .WithDescription("Who you are signed in as, and how many seconds of audio you have generated this month out of your quota.");

    public static async Task<Results<Ok<MeResponse>, NotFound>> GetMe(ClaimsPrincipal principal, MusicDbContext db, QuotaService quota, CancellationToken cancellationToken)
    {
        var userId = principal.GetUserId();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        var usage = await quota.GetUsageAsync(user, cancellationToken);
        return TypedResults.Ok(new MeResponse(user.Id, user.Email, user.DisplayName, user.Role, usage.LimitSeconds, usage.UsedMs / 1000.0, user.CreatedAt));
    }
}
