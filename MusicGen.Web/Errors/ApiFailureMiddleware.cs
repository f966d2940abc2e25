using Microsoft.AspNetCore.Http.HttpResults;
using MusicGen.Web.Accounts;
using MusicGen.Web.Components.Pages;

namespace MusicGen.Web.Errors;

/// <summary>
/// Two API outcomes every page shares: the sign-in ended (sign out here, back to the sign-in page) and the API
/// cannot be reached (a page that says so, 503). Pages handle everything else themselves.
/// </summary>
public sealed partial class ApiFailureMiddleware(RequestDelegate next, ILogger<ApiFailureMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context, WebSignIn signIn)
    {
        try
        {
            await next(context);
        }
        catch (ApiSessionEndedException e) when (!context.Response.HasStarted)
        {
            LogSessionEnded(logger, e.Message);
            await signIn.SignOutAsync(context, context.RequestAborted);
            var returnUrl = Uri.EscapeDataString(context.Request.Path + context.Request.QueryString);
            context.Response.Redirect($"/signin?returnUrl={returnUrl}&ended=1");
        }
        catch (Exception e) when (ApiUnreachable.Is(e, context) && !context.Response.HasStarted)
        {
            LogUnreachable(logger, e);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;

            // A fresh scope, as UseExceptionHandler(createScopeForErrors) does: the failed render already
            // initialised this request's navigation and rendering services.
            await using var scope = context.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            var requestServices = context.RequestServices;
            context.RequestServices = scope.ServiceProvider;
            try
            {
                await new RazorComponentResult<Unavailable>(new { Reason = e.Message }).ExecuteAsync(context);
            }
            finally
            {
                context.RequestServices = requestServices;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "API sign-in ended: {Reason}")]
    private static partial void LogSessionEnded(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The API could not be reached")]
    private static partial void LogUnreachable(ILogger logger, Exception exception);
}
