using MusicGen.Web.Accounts;

namespace MusicGen.Web.Endpoints;

public static class SignOutEndpoint
{
    /// <summary>POST /signout from the header's form (antiforgery-checked), then home.</summary>
    public static void MapSignOut(this IEndpointRouteBuilder app) =>
        app.MapPost("/signout", async (HttpContext context, WebSignIn signIn) =>
        {
            await signIn.SignOutAsync(context, context.RequestAborted);
            return TypedResults.LocalRedirect("/");
        });
}
