using System.Globalization;
using System.Threading.RateLimiting;
using MusicGen.Api.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MusicGen.Api.Generations;

public static class RateLimitingExtensions
{
    /// <summary>Per-user fixed window on submissions (<c>Quotas:SubmissionsPerMinute</c>), shared by the replicas through Redis; rejections are 429 problems with Retry-After.</summary>
    public static IServiceCollection AddSubmitRateLimit(this IServiceCollection services) =>
        services.AddSingleton<RedisWindowCounter>().AddSingleton<RedisAvailability>().AddRateLimiter(options =>
        {
            options.AddPolicy<string, SubmitRateLimitPolicy>(GenerationsApi.SubmitRateLimitPolicy);
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
                var http = rejected.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many submissions.",
                        Detail = $"You may submit a limited number of generations per minute; retry in {retryAfter} seconds.",
                    },
                });
            };
        });
}
