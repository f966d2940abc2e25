using MusicGen.ServiceDefaults.ServiceDiscovery;

namespace MusicGen.Web.Errors;

/// <summary>Which exceptions mean "no usable answer from the API" (refused, timed out, circuit open, not configured).</summary>
public static class ApiUnreachable
{
    public static bool Is(Exception exception, HttpContext context) => exception switch
    {
        HttpRequestException { StatusCode: null } => true,
        TimeoutException => true,
        OperationCanceledException => !context.RequestAborted.IsCancellationRequested,
        ServiceNotFoundException => true,
        Polly.ExecutionRejectedException => true,
        _ => exception.InnerException is { } inner && Is(inner, context),
    };
}
