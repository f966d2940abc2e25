using System.Net.Http.Headers;

namespace MusicGen.ServiceDefaults.Resilience;

/// <summary>A request frozen before the first attempt (content read into memory) that can be replayed.</summary>
internal sealed class RequestSnapshot
{
    private readonly HttpRequestMessage _original;
    private readonly byte[]? _content;
    private readonly KeyValuePair<string, IEnumerable<string>>[] _contentHeaders;

    private RequestSnapshot(HttpRequestMessage original, byte[]? content)
    {
        _original = original;
        _content = content;
        _contentHeaders = original.Content?.Headers.ToArray() ?? [];
    }

    public static async Task<RequestSnapshot> CreateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        return new RequestSnapshot(request, content);
    }

    public HttpRequestMessage CreateAttempt()
    {
        var attempt = new HttpRequestMessage(_original.Method, _original.RequestUri)
        {
            Version = _original.Version,
            VersionPolicy = _original.VersionPolicy,
        };

        foreach (var (name, values) in _original.Headers)
        {
            attempt.Headers.TryAddWithoutValidation(name, values);
        }

        foreach (var (key, value) in _original.Options)
        {
            ((IDictionary<string, object?>)attempt.Options)[key] = value;
        }

        if (_content is not null)
        {
            attempt.Content = new ByteArrayContent(_content);
            CopyHeaders(_contentHeaders, attempt.Content.Headers);
        }

        return attempt;
    }

    private static void CopyHeaders(IEnumerable<KeyValuePair<string, IEnumerable<string>>> from, HttpContentHeaders to)
    {
        foreach (var (name, values) in from)
        {
            to.TryAddWithoutValidation(name, values);
        }
    }
}
