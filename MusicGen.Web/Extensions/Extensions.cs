using Microsoft.AspNetCore.Authentication.Cookies;
using MusicGen.Contracts;
using MusicGen.Web.Accounts;
using MusicGen.Web.Components.Health;
using MusicGen.Web.Studio;

namespace Microsoft.Extensions.Hosting;

internal static class Extensions
{
    /// <summary>The logical address of the API; service discovery resolves it from <c>services:api:*</c>.</summary>
    public const string ApiBaseAddress = "https+http://api";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddWebAuthentication();

        // Download routes answer with redirects to signed URLs; the client reads those, it does not follow them.
        static SocketsHttpHandler NoRedirects() => new() { AllowAutoRedirect = false };
        builder.Services.AddTransient<ApiAccessTokenHandler>();
        builder.Services.AddHttpClient<MusicGenClient>(client => client.BaseAddress = new Uri(ApiBaseAddress))
            .ConfigurePrimaryHttpMessageHandler(NoRedirects)
            .AddHttpMessageHandler<ApiAccessTokenHandler>();
        builder.Services.AddHttpClient(ApiAccessTokenHandler.AnonymousClient, client => client.BaseAddress = new Uri(ApiBaseAddress))
            .ConfigurePrimaryHttpMessageHandler(NoRedirects);
        builder.Services.AddScoped<ApiHealthProbe>();
    }

    private static void AddWebAuthentication(this IHostApplicationBuilder builder)
    {
        builder.AddSharedState();
        builder.Services.AddSingleton<ApiSessionStore>();
        builder.Services.AddScoped<WebSignIn>();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/signin";
                options.AccessDeniedPath = "/forbidden";
                options.Cookie.Name = "musicgen.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.SlidingExpiration = true;
            });
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
    }
}
