using MusicGen.Api.Problems;
using MusicGen.Contracts.Accounts;
using MusicGen.Core.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MusicGen.Api.Accounts;

public static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/auth").WithTags("Accounts").AllowAnonymous();
        api.MapPost("/register", Register).WithName("Register").WithSummary("Create a local account")
            .WithDescription("Creates an account with email and password and signs it in. The first account, and those whose email is listed in Auth:AdminEmails, get the admin role.");
        api.MapPost("/login", Login).WithName("Login").WithSummary("Sign in with email and password")
            .WithDescription("Returns a short-lived access token and a single-use refresh token.");
        api.MapPost("/refresh", Refresh).WithName("Refresh").WithSummary("Exchange a refresh token for new tokens")
            .WithDescription("Each refresh token works once. Presenting a used one again revokes every token of its sign-in, since it means the token was copied.");
        api.MapPost("/logout", Logout).WithName("Logout").WithSummary("Sign out")
            .WithDescription("Revokes the refresh token and every token rotated from the same sign-in.");
        return api;
    }

    public static async Task<Results<Created<TokenResponse>, ProblemHttpResult>> Register(
        RegisterRequest request, [FromServices] AccountServices services, CancellationToken cancellationToken)
    {
        var email = request.Email.Trim().ToLowerInvariant();
        if (await services.Db.Users.AnyAsync(u => u.Email == email, cancellationToken))
        {
            return FieldProblem.Create(StatusCodes.Status409Conflict, "The email is already registered.", "email", "An account with this email already exists; sign in instead.");
        }

        var isFirst = !await services.Db.Users.AnyAsync(cancellationToken);
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            Email = email,
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? email.Split('@')[0] : request.DisplayName.Trim(),
            Role = isFirst || services.Options.Value.AdminEmails.Contains(email, StringComparer.OrdinalIgnoreCase) ? Roles.Admin : Roles.User,
            CreatedAt = services.Time.GetUtcNow(),
        };
        user.PasswordHash = services.Hasher.HashPassword(user, request.Password);
        services.Db.Users.Add(user);
        var (tokens, _) = services.Tokens.Issue(user, services.Db);
        try
        {
            await services.Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return FieldProblem.Create(StatusCodes.Status409Conflict, "The email is already registered.", "email", "An account with this email already exists; sign in instead.");
        }

        return TypedResults.Created("/api/v1/me", tokens);
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Login(
        LoginRequest request, [FromServices] AccountServices services, CancellationToken cancellationToken)
    {
        var email = request.Email.Trim().ToLowerInvariant();
        var user = await services.Db.Users.SingleOrDefaultAsync(u => u.Email == email, cancellationToken);
        if (user?.PasswordHash is null || services.Hasher.VerifyHashedPassword(user, user.PasswordHash, request.Password) == PasswordVerificationResult.Failed)
        {
            return TypedResults.Problem(title: "Sign-in failed.", detail: "The email or the password is wrong.", statusCode: StatusCodes.Status401Unauthorized);
        }

        var (tokens, _) = services.Tokens.Issue(user, services.Db);
        await services.Db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(tokens);
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Refresh(
        RefreshRequest request, [FromServices] AccountServices services, CancellationToken cancellationToken)
    {
        var now = services.Time.GetUtcNow();
        var hash = Secrets.Hash(request.RefreshToken);
        var token = await services.Db.RefreshTokens.SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (token is null || token.ExpiresAt <= now)
        {
            return Rejected("The refresh token is unknown or expired; sign in again.");
        }

        if (token.RevokedAt is not null || token.ReplacedById is not null)
        {
            // A used or revoked token came back: someone holds a copy. End the whole sign-in.
            await RevokeFamilyAsync(services, token.FamilyId, now, cancellationToken);
            return Rejected("The refresh token was already used; every session of this sign-in is now revoked. Sign in again.");
        }

        var user = await services.Db.Users.SingleAsync(u => u.Id == token.UserId, cancellationToken);
        var (tokens, next) = services.Tokens.Issue(user, services.Db, token.FamilyId);

        // Two concurrent refreshes of one token: the second update matches no row and is treated as reuse.
        var updated = await services.Db.RefreshTokens
            .Where(t => t.Id == token.Id && t.ReplacedById == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ReplacedById, next.Id).SetProperty(t => t.RevokedAt, now), cancellationToken);
        if (updated == 0)
        {
            services.Db.ChangeTracker.Clear();
            await RevokeFamilyAsync(services, token.FamilyId, now, cancellationToken);
            return Rejected("The refresh token was already used; every session of this sign-in is now revoked. Sign in again.");
        }

        await services.Db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(tokens);
    }

    public static async Task<NoContent> Logout(RefreshRequest request, [FromServices] AccountServices services, CancellationToken cancellationToken)
    {
        var hash = Secrets.Hash(request.RefreshToken);
        var token = await services.Db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (token is not null)
        {
            await RevokeFamilyAsync(services, token.FamilyId, services.Time.GetUtcNow(), cancellationToken);
        }

        return TypedResults.NoContent();
    }

    private static Task RevokeFamilyAsync(AccountServices services, Guid familyId, DateTimeOffset now, CancellationToken cancellationToken) =>
        services.Db.RefreshTokens
            .Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);

    private static ProblemHttpResult Rejected(string detail) =>
        TypedResults.Problem(title: "The refresh token was rejected.", detail: detail, statusCode: StatusCodes.Status401Unauthorized);
}
