using System.Threading.RateLimiting;
using Polly;

namespace MusicGen.ServiceDefaults.Resilience;

public sealed record StandardResiliencePipeline(
    string ClientName,
    int PermitLimit,
    RateLimiter Limiter,
    ResiliencePipeline<HttpResponseMessage> Pipeline);
