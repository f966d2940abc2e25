using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace MusicGen.ServiceDefaults.ServiceDiscovery;

/// <summary>
/// Resolves logical URIs such as <c>https+http://api/health</c> from <c>services:{name}:{endpoint}:{index}</c>
/// configuration (environment form <c>services__api__http__0</c>), following Microsoft.Extensions.ServiceDiscovery:
/// schemes joined by <c>+</c> are preferences in order, the <c>default</c> endpoint is tried first,
/// <c>_endpoint.name</c> selects a named endpoint, and several indexed endpoints are used in turn.
/// </summary>
public sealed class ServiceEndpointResolver(IConfiguration configuration)
{
    public const string SectionName = "services";

    private readonly ConcurrentDictionary<string, int> _turns = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The physical URI for <paramref name="uri"/>, or <paramref name="uri"/> itself for a plain DNS name.</summary>
    /// <exception cref="ServiceNotFoundException">The URI needs configuration that is missing.</exception>
    public Uri Resolve(Uri uri)
    {
        if (!uri.IsAbsoluteUri)
        {
            return uri;
        }

        var schemes = uri.Scheme.Split('+', StringSplitOptions.RemoveEmptyEntries);
        var (serviceName, endpointName) = ParseHost(uri.Host);
        var service = configuration.GetSection(SectionName).GetSection(serviceName);
        if (!service.GetChildren().Any())
        {
            if (schemes.Length == 1 && endpointName is null)
            {
                return uri;
            }

            throw new ServiceNotFoundException(
                $"Service '{serviceName}' is not configured, so '{uri.GetLeftPart(UriPartial.Authority)}' cannot be resolved. "
                + $"Set {Keys(serviceName, endpointName is null ? schemes : [endpointName])}.");
        }

        var candidates = endpointName is null ? ["default", .. schemes] : new[] { endpointName };
        var section = candidates.Select(service.GetSection).FirstOrDefault(s => s.Value is not null || s.GetChildren().Any())
            ?? throw new ServiceNotFoundException(
                $"Service '{serviceName}' has no endpoint for '{uri.GetLeftPart(UriPartial.Authority)}'. "
                + $"Set {Keys(serviceName, candidates.Skip(endpointName is null ? 1 : 0))} "
                + $"(configured: {string.Join(", ", service.GetChildren().Select(c => c.Key))}).");

        var endpoints = ReadEndpoints(section, schemes[0]);
        var ranked = schemes
            .Select(scheme => endpoints.Where(e => string.Equals(e.Scheme, scheme, StringComparison.OrdinalIgnoreCase)).ToList())
            .FirstOrDefault(matches => matches.Count > 0)
            ?? throw new ServiceNotFoundException(
                $"Service '{serviceName}' endpoint '{section.Key}' offers {string.Join(", ", endpoints)}, none with scheme {string.Join(" or ", schemes)}.");

        var endpoint = ranked.Count == 1 ? ranked[0] : ranked[NextTurn(section.Path, ranked.Count)];
        return new UriBuilder(uri) { Scheme = endpoint.Scheme, Host = endpoint.Host, Port = endpoint.Port }.Uri;
    }

    private static (string Service, string? Endpoint) ParseHost(string host)
    {
        // "_grpc.basket-api" names the endpoint "grpc" of service "basket-api".
        var dot = host.IndexOf('.', StringComparison.Ordinal);
        return host.StartsWith('_') && dot > 1 ? (host[(dot + 1)..], host[1..dot]) : (host, null);
    }

    private static List<Uri> ReadEndpoints(IConfigurationSection section, string defaultScheme)
    {
        if (section.Value is { } single)
        {
            return [ParseEndpoint(section.Path, single, defaultScheme)];
        }

        return section.GetChildren()
            .Select(child => int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                ? (Index: index, Child: child)
                : throw new ServiceNotFoundException($"Configuration key '{child.Path}' must be a numeric index (e.g. {section.Path}:0)."))
            .OrderBy(entry => entry.Index)
            .Where(entry => !string.IsNullOrWhiteSpace(entry.Child.Value))
            .Select(entry => ParseEndpoint(entry.Child.Path, entry.Child.Value!, defaultScheme))
            .ToList();
    }

    private static Uri ParseEndpoint(string key, string value, string defaultScheme)
    {
        var text = value.Contains("://", StringComparison.Ordinal) ? value : $"{defaultScheme}://{value}";
        return Uri.TryCreate(text, UriKind.Absolute, out var endpoint)
            ? endpoint
            : throw new ServiceNotFoundException($"Configuration value '{value}' of '{key}' is not an endpoint URI.");
    }

    private int NextTurn(string key, int count) =>
        (int)((uint)_turns.AddOrUpdate(key, 0, (_, turn) => unchecked(turn + 1)) % (uint)count);

    private static string Keys(string serviceName, IEnumerable<string> endpointNames) =>
        string.Join(" or ", endpointNames.Select(name =>
            $"'{SectionName}:{serviceName}:{name}:0' (environment variable {SectionName}__{serviceName}__{name}__0)"));
}
