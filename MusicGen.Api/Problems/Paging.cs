using Microsoft.AspNetCore.Http.HttpResults;

namespace MusicGen.Api.Problems;

/// <summary>The page/pageSize rule every paged list shares.</summary>
public static class Paging
{
    public const int MaxPageSize = 100;

    public static ValidationProblem? Validate(int page, int pageSize) =>
        page < 1 ? FieldProblem.Invalid("page", "page must be 1 or more.")
        : pageSize is < 1 or > MaxPageSize ? FieldProblem.Invalid("pageSize", $"pageSize must be between 1 and {MaxPageSize}.")
        : null;
}
