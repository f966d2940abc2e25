using System.ComponentModel;
using MusicGen.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MusicGen.Api.Files;

public static class FilesApi
{
    /// <summary>
    /// The folder store's stand-in for presigned URLs. Anonymous on purpose: the token is the
    /// permission (HMAC-signed, short-lived), so a browser can follow the download redirect without
    /// carrying the user's token.
    /// </summary>
    public static RouteGroupBuilder MapFilesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(SignedFileUrls.RoutePrefix.TrimEnd('/')).WithTags("Files").AllowAnonymous();
        api.MapGet("/{token}", Get).WithName("GetSignedFile").WithSummary("Fetch a file through a signed link")
            .WithDescription("Where a track download redirects when storage is a folder. Supports Range requests (206, 416). An altered link is a 403, an expired one a 410: ask the download endpoint for a fresh link.")
            .Produces(StatusCodes.Status200OK, typeof(Stream), "application/octet-stream")
            .Produces(StatusCodes.Status206PartialContent, typeof(Stream), "application/octet-stream")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status416RangeNotSatisfiable);
        return api;
    }

    public static Results<BlobFileResult, ProblemHttpResult> Get(
        [Description("The signed token from a download redirect.")] string token, SignedFileUrls urls, IBlobStore store)
    {
        var check = urls.Check(token);
        if (check.File is null)
        {
            return TypedResults.Problem(
                title: "The file link is not valid.",
                detail: "This link was altered or was not issued by this service. Ask GET /api/v1/tracks/{id}/download for a new one.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        if (check.Expired)
        {
            return TypedResults.Problem(
                title: "The file link has expired.",
                detail: $"It expired at {check.File.ExpiresAt:u}. Ask GET /api/v1/tracks/{{id}}/download for a new one.",
                statusCode: StatusCodes.Status410Gone);
        }

        return new BlobFileResult(store, check.File.Key, check.File.ContentType, check.File.Size, check.File.FileName);
    }
}
