using Microsoft.AspNetCore.Http.HttpResults;

namespace MusicGen.Api.Problems;

/// <summary>Problem details (RFC 9457) that name the offending field in <c>errors</c>, as validation problems do.</summary>
public static class FieldProblem
{
    public static ProblemHttpResult Create(int status, string title, string field, string message) =>
        TypedResults.Problem(
            title: title,
            detail: message,
            statusCode: status,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request is invalid.", detail: message);
}
