using System.Security.Claims;

namespace MusicGen.Web.Accounts;

/// <summary>Claims of the Web's auth cookie: who the person is, their API role, and which server-side session holds their tokens.</summary>
public static class SessionClaims
{
    public const string SessionId = "musicgen:sid";
    public const string AdminRole = "admin";

    public static string? GetSessionId(this ClaimsPrincipal principal) => principal.FindFirstValue(SessionId);

    public static bool IsAdmin(this ClaimsPrincipal principal) => principal.IsInRole(AdminRole);
}
