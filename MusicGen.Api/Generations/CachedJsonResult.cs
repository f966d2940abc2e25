namespace MusicGen.Api.Generations;

/// <summary>A 200 whose JSON body was serialized earlier (the status cache's bytes), written as is.</summary>
public sealed class CachedJsonResult(ReadOnlyMemory<byte> json) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = json.Length;
        return response.Body.WriteAsync(json).AsTask();
    }
}
