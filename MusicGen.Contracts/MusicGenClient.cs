using System.Net.Http.Json;
using MusicGen.Contracts.Health;

namespace MusicGen.Contracts;

/// <summary>
/// Typed client of the MusicGen HTTP API. Give it an HttpClient whose BaseAddress is the API
/// (in the Web: <c>https+http://api</c>, resolved by service discovery). Partial so each API
/// area can add its calls in its own file.
/// </summary>
public sealed partial class MusicGenClient(HttpClient httpClient)
{
    private HttpClient Http => httpClient;

    /// <summary>
    /// Reads the API's health report. An unhealthy API still answers (503 with the report): that is
    /// returned, not thrown. Throws <see cref="HttpRequestException"/> when the API cannot be reached.
    /// </summary>
    public async Task<ServiceHealth> GetHealthAsync(CancellationToken cancellationToken = default)
    {
        using var response = await Http.GetAsync(new Uri("health", UriKind.Relative), cancellationToken);
        if (response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            return await response.Content.ReadFromJsonAsync<ServiceHealth>(cancellationToken)
                ?? throw new HttpRequestException($"The API answered {(int)response.StatusCode} with an empty health report.");
        }

        // ASP.NET Core's default writer sends the bare status as text.
        response.EnsureSuccessStatusCode();
        var status = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        return new ServiceHealth(status, new Dictionary<string, ServiceHealthCheck>());
    }
}
