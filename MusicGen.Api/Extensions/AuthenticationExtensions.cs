using MusicGen.Api.Accounts;
using MusicGen.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Microsoft.Extensions.Hosting;

public static class AuthenticationExtensions
{
    /// <summary>
    /// Three ways in, all ending as one MusicGen user: our own JWTs (signed with <c>Auth:SigningKey</c>),
    /// an external OIDC provider's JWTs (<c>Auth:Oidc:Authority</c>/<c>Audience</c>), and API keys.
    /// </summary>
    public static IHostApplicationBuilder AddMusicAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddScoped<AccountServices>();

        var authentication = builder.Services.AddAuthentication(AuthSchemes.Default)
            .AddPolicyScheme(AuthSchemes.Default, null, options => options.ForwardDefaultSelector = SelectScheme)
            .AddJwtBearer(AuthSchemes.Local)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthSchemes.ApiKey, null);
        builder.Services.AddSingleton<CachingJsonWebTokenHandler>();
        builder.Services.AddOptions<JwtBearerOptions>(AuthSchemes.Local).Configure<IOptions<AuthOptions>, CachingJsonWebTokenHandler>((options, auth, handler) =>
        {
            options.MapInboundClaims = false;
            handler.MapInboundClaims = false;
            options.TokenHandlers.Clear();
            options.TokenHandlers.Add(handler);
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = auth.Value.Issuer,
                ValidAudience = auth.Value.Audience,
                IssuerSigningKey = TokenIssuer.SigningKey(auth.Value),
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = UserClaims.UserId,
                RoleClaimType = UserClaims.Role,
            };
        });

        var oidc = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>()?.Oidc ?? new OidcOptions();
        if (oidc.Enabled)
        {
            authentication.AddJwtBearer(AuthSchemes.External, options =>
            {
                options.Authority = oidc.Authority;
                options.Audience = oidc.Audience;
                options.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
                options.MapInboundClaims = false;
                options.TokenValidationParameters.ValidateAudience = !string.IsNullOrEmpty(oidc.Audience);
                options.TokenValidationParameters.RoleClaimType = UserClaims.Role;
                options.Events = new JwtBearerEvents { OnTokenValidated = ExternalUserProvisioner.OnTokenValidated };
            });
        }

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AuthSchemes.AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        return builder;
    }

    private static string SelectScheme(HttpContext context)
    {
        if (ApiKeyAuthenticationHandler.FindKey(context.Request) is not null)
        {
            return AuthSchemes.ApiKey;
        }

        var auth = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (!auth.Oidc.Enabled)
        {
            return AuthSchemes.Local;
        }

        // Route by issuer: tokens we did not issue go to the external provider's validation.
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var handler = new JsonWebTokenHandler();
            var token = authorization["Bearer ".Length..].Trim();
            if (handler.CanReadToken(token) && handler.ReadJsonWebToken(token).Issuer != auth.Issuer)
            {
                return AuthSchemes.External;
            }
        }

        return AuthSchemes.Local;
    }
}
