using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using MusicGen.Contracts.Generations;

namespace MusicGen.Contracts;

public sealed partial class MusicGenClient
{
    /// <summary>
    /// Submits a generation. Pass an <paramref name="idempotencyKey"/> so a retried submission (by the caller
    /// or a resilience handler) returns the same generation instead of creating a second one.
    /// </summary>
    public Task<GenerationResponse> CreateGenerationAsync(CreateGenerationRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, Relative("api/v1/generations")) { Content = JsonContent.Create(request) };
        if (idempotencyKey is not null)
        {
            message.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return SendForAsync<GenerationResponse>(message, cancellationToken);
    }

    /// <summary>Null when there is no such generation or it belongs to someone else.</summary>
    public Task<GenerationResponse?> GetGenerationAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetOrNullAsync<GenerationResponse>($"api/v1/generations/{id}", cancellationToken);

    /// <param name="genre">A genre id (<c>techno</c>, <c>lofi</c>…): only generations the engine reads as that genre.</param>
    public Task<GenerationPage> ListGenerationsAsync(string? status = null, string? search = null, int page = 1, int pageSize = 20, string? genre = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string> { $"page={page.ToString(CultureInfo.InvariantCulture)}", $"pageSize={pageSize.ToString(CultureInfo.InvariantCulture)}" };
        if (!string.IsNullOrWhiteSpace(status))
        {
            query.Add($"status={Uri.EscapeDataString(status)}");
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            query.Add($"search={Uri.EscapeDataString(search)}");
        }

        if (!string.IsNullOrWhiteSpace(genre))
        {
            query.Add($"genre={Uri.EscapeDataString(genre)}");
        }

        return SendForAsync<GenerationPage>(new HttpRequestMessage(HttpMethod.Get, Relative($"api/v1/generations?{string.Join('&', query)}")), cancellationToken);
    }

    public Task<GenerationResponse> CancelGenerationAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendForAsync<GenerationResponse>(new HttpRequestMessage(HttpMethod.Post, Relative($"api/v1/generations/{id}/cancel")), cancellationToken);

    public Task<GenerationResponse> RetryGenerationAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendForAsync<GenerationResponse>(new HttpRequestMessage(HttpMethod.Post, Relative($"api/v1/generations/{id}/retry")), cancellationToken);

    public Task DeleteGenerationAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Delete, Relative($"api/v1/generations/{id}")), cancellationToken);

    /// <summary>
    /// Opens the generation's Server-Sent Events stream (<c>text/event-stream</c>). The caller owns the
    /// response and reads it as it arrives; null when the generation is not found.
    /// </summary>
    public async Task<HttpResponseMessage?> OpenGenerationEventsAsync(Guid id, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Relative($"api/v1/generations/{id}/events"));
        request.Headers.Accept.ParseAdd("text/event-stream");
        return await OpenAsync(request, cancellationToken);
    }
}
