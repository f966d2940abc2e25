using System.Net;

namespace MusicGen.Contracts;

/// <summary>
/// The API answered with an error. <see cref="Errors"/> holds the problem details' per-field messages
/// (camelCase field names, as in the request JSON), so forms can show each beside its field.
/// </summary>
public sealed class MusicGenApiException(HttpStatusCode statusCode, string title, string? detail, IReadOnlyDictionary<string, string[]> errors)
    : Exception(detail is null ? title : $"{title} {detail}")
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    public string Title { get; } = title;

    public string? Detail { get; } = detail;

    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    /// <summary>The first message for <paramref name="field"/> (case-insensitive), if the API named it.</summary>
    public string? ErrorFor(string field) =>
        Errors.FirstOrDefault(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
}
