using System.Globalization;
using MusicGen.Core.Storage;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace MusicGen.Api.Files;

/// <summary>
/// Sends a blob with HTTP range support (RFC 9110 §14): one <c>bytes=</c> range gives 206 with
/// Content-Range, a range past the end gives 416 with <c>bytes */size</c>, no (or an unusable) Range
/// header gives the whole blob. Only the requested bytes are read from the store, so this works the
/// same for S3 (a ranged GET) and the folder store (a seek).
/// </summary>
/// <param name="KnownSize">The blob's size if known (0 when not), which saves a round trip for suffix ranges and 416s.</param>
public sealed class BlobFileResult(IBlobStore store, string key, string contentType, long knownSize, string? downloadFileName) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var request = httpContext.Request;
        var response = httpContext.Response;
        var cancellationToken = httpContext.RequestAborted;
        response.Headers.AcceptRanges = "bytes";
        if (downloadFileName is not null)
        {
            response.Headers.ContentDisposition = ContentDisposition.Attachment(downloadFileName);
        }

        var range = WantedRange(request);
        var size = knownSize;
        if (range is { From: null } && size <= 0)
        {
            size = await SizeAsync(cancellationToken);
        }

        ByteRange? wanted = range switch
        {
            null => null,
            { From: null, To: var suffix } => new ByteRange(Math.Max(0, size - suffix!.Value), null),
            { From: var from, To: var to } => new ByteRange(from!.Value, to),
        };
        if (wanted is { } check && (range is { From: null, To: 0 } || (size > 0 && check.Resolve(size) is null)))
        {
            await NotSatisfiableAsync(response, size);
            return;
        }

        BlobContent? blob;
        try
        {
            blob = await store.OpenReadAsync(key, wanted, cancellationToken);
        }
        catch (ArgumentOutOfRangeException)
        {
            await NotSatisfiableAsync(response, size > 0 ? size : await SizeAsync(cancellationToken));
            return;
        }

        if (blob is null)
        {
            await TypedResults.Problem(
                title: "The file is missing from storage.",
                detail: "The track's file is recorded but its content is gone; ask for it again in a while, or delete and regenerate the track.",
                statusCode: StatusCodes.Status404NotFound).ExecuteAsync(httpContext);
            return;
        }

        await using (blob)
        {
            response.ContentType = contentType;
            response.ContentLength = blob.Length;
            if (wanted is not null)
            {
                response.StatusCode = StatusCodes.Status206PartialContent;
                response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {blob.Offset}-{blob.Offset + blob.Length - 1}/{blob.TotalLength}");
            }

            httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await blob.Content.CopyToAsync(response.Body, cancellationToken);
        }
    }

    /// <summary>The single byte range asked for; null for none, several, or a header that does not parse (then the whole blob is sent).</summary>
    private static RangeItemHeaderValue? WantedRange(HttpRequest request)
    {
        var header = request.Headers.Range;
        if (header.Count != 1 || !RangeHeaderValue.TryParse(header[0], out var parsed)
            || !string.Equals(parsed.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase) || parsed.Ranges.Count != 1)
        {
            return null;
        }

        return parsed.Ranges.First();
    }

    private async Task<long> SizeAsync(CancellationToken cancellationToken)
    {
        await using var whole = await store.OpenReadAsync(key, null, cancellationToken);
        return whole?.TotalLength ?? 0;
    }

    private static Task NotSatisfiableAsync(HttpResponse response, long size)
    {
        response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
        response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes */{size}");
        response.Headers.ContentDisposition = default;
        return Task.CompletedTask;
    }
}
