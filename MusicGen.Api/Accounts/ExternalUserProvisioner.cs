using System.Security.Claims;
using MusicGen.Core.Accounts;
using MusicGen.Core.Data;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MusicGen.Api.Accounts;

/// <summary>
/// Maps an external provider's subject to our user row, creating it on first sight (seed lesson:
/// "User not found for clerkId" must never happen), and adds our user id and role as claims.
/// </summary>
public static class ExternalUserProvisioner
{
    public static async Task OnTokenValidated(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        var issuer = principal.FindFirstValue("iss") ?? context.Options.Authority ?? "";
        var subject = principal.FindFirstValue("sub");
        if (string.IsNullOrEmpty(subject))
        {
            context.Fail("The token has no subject (sub) claim.");
            return;
        }

        var services = context.HttpContext.RequestServices;
        var db = services.GetRequiredService<MusicDbContext>();
        var cancellationToken = context.HttpContext.RequestAborted;
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.ExternalIssuer == issuer && u.ExternalSubject == subject, cancellationToken)
            ?? await ProvisionAsync(db, services, principal, issuer, subject, cancellationToken);

        principal.AddIdentity(new ClaimsIdentity(
            [new Claim(UserClaims.UserId, user.Id.ToString()), new Claim(UserClaims.Role, user.Role)],
            AuthSchemes.External,
            UserClaims.UserId,
            UserClaims.Role));
    }

    private static async Task<User> ProvisionAsync(MusicDbContext db, IServiceProvider services, ClaimsPrincipal principal, string issuer, string subject, CancellationToken cancellationToken)
    {
        var email = principal.FindFirstValue("email")?.Trim().ToLowerInvariant();
        if (email is not null && await db.Users.AnyAsync(u => u.Email == email, cancellationToken))
        {
            // The email belongs to another account already; never merge identities silently.
            email = null;
        }

        var admins = services.GetRequiredService<IOptions<AuthOptions>>().Value.AdminEmails;
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            Email = email,
            ExternalIssuer = issuer,
            ExternalSubject = subject,
            DisplayName = principal.FindFirstValue("name") ?? email ?? subject,
            Role = !await db.Users.AnyAsync(cancellationToken) || (email is not null && admins.Contains(email, StringComparer.OrdinalIgnoreCase)) ? Roles.Admin : Roles.User,
            CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow(),
        };
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return user;
        }
        catch (DbUpdateException)
        {
            // Two first requests of the same new subject raced; the other one created the row.
            db.ChangeTracker.Clear();
            return await db.Users.AsNoTracking().SingleAsync(u => u.ExternalIssuer == issuer && u.ExternalSubject == subject, cancellationToken);
        }
    }
}
