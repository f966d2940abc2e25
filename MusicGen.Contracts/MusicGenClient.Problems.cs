using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MusicGen.Contracts;

public sealed partial class MusicGenClient
{
    /// <summary>Throws <see cref="MusicGenApiException"/> with the problem details of an unsuccessful response.</summary>
    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var title = $"The API answered {(int)response.StatusCode} {response.ReasonPhrase}.";
        string? detail = null;
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is "application/problem+json" or "application/json")
        {
            try
            {
                using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    title = root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : title;
                    detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                    if (root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var field in e.EnumerateObject())
                        {
                            errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                                ? [.. field.Value.EnumerateArray().Select(m => m.ToString())]
                                : [field.Value.ToString()];
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // A body that is not a problem document: the status line says enough.
            }
        }

        throw new MusicGenApiException(response.StatusCode, title, detail, errors);
    }

    private async Task<T> SendForAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await Http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
            ?? throw new MusicGenApiException(response.StatusCode, "The API answered with an empty body.", null, new Dictionary<string, string[]>());
    }

    private async Task SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await Http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>A GET that returns null on 404: "not yours or not there" reads the same to a caller.</summary>
    private async Task<T?> GetOrNullAsync<T>(string path, CancellationToken cancellationToken) where T : class
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(cancellationToken);
    }

    /// <summary>
    /// Asks a download route for its redirect and returns the target (a presigned or API-signed URL the
    /// browser can load directly, with range requests). Needs an HttpClient that does not follow redirects;
    /// when it does, the final request's address is returned. Null on 404.
    /// </summary>
    private async Task<Uri?> GetRedirectTargetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
        {
            // A relative Location is relative to the API's own address, as the request actually reached it.
            return location.IsAbsoluteUri ? location : new Uri(response.RequestMessage?.RequestUri ?? Http.BaseAddress!, location);
        }

        await EnsureSuccessAsync(response, cancellationToken);
        return response.RequestMessage?.RequestUri;
    }

    private static Uri Relative(string path) => new(path, UriKind.Relative);

    /// <summary>
    /// Sends a request whose body the caller streams: the response once its headers are in, null on 404,
    /// and the problem as <see cref="MusicGenApiException"/> otherwise. The caller owns the response.
    /// </summary>
    private async Task<HttpResponseMessage?> OpenAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            response.Dispose();
            return null;
        }

        try
        {
            await EnsureSuccessAsync(response, cancellationToken);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        return response;
    }
}
