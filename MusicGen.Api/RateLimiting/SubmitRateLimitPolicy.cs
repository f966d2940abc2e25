using System.Security.Claims;
using System.Threading.RateLimiting;
using MusicGen.Api.Accounts;
using MusicGen.Api.Generations;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MusicGen.Api.RateLimiting;

/// <summary>Per-user submissions per minute (<c>Quotas:SubmissionsPerMinute</c>), counted in Redis across replicas.</summary>
public sealed class SubmitRateLimitPolicy(RedisWindowCounter counter, RedisAvailability availability, IOptions<QuotaOptions> quota) : IRateLimiterPolicy<string>
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Null: the rate limiter's shared 429 problem answers.</summary>
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var user = httpContext.User.FindFirstValue(UserClaims.UserId) ?? httpContext.Connection.RemoteIpAddress?.ToString() ?? "anonymous";
        var perMinute = quota.Value.SubmissionsPerMinute;
        return RateLimitPartition.Get(user, key => new SharedWindowRateLimiter(
            $"mg:ratelimit:submit:{key}",
            perMinute,
            Window,
            counter,
            availability,
            new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = Window, QueueLimit = 0 })));
    }
}
