using System.Security.Claims;

namespace MusicGen.Api.Accounts;

/// <summary>Every way in (local JWT, external JWT, API key) ends with the same claims: our user id and role.</summary>
public static class UserClaims
{
    public const string UserId = "uid";
    public const string Role = "role";

    public static Guid GetUserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(UserId), out var id) ? id : throw new InvalidOperationException("The request is not authenticated as a MusicGen user.");
}
