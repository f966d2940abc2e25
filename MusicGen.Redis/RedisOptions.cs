using System.Globalization;

namespace MusicGen.Redis;

/// <summary>
/// Connection settings, parsed from a StackExchange.Redis-style connection string
/// (<c>host:port,password=…,user=…,ssl=true,defaultDatabase=…,connectTimeout=…,abortConnect=false</c>),
/// the form Aspire injects as <c>ConnectionStrings__cache</c>.
/// </summary>
public sealed record RedisOptions
{
    public IReadOnlyList<(string Host, int Port)> Endpoints { get; init; } = [("localhost", 6379)];

    public string? User { get; init; }

    public string? Password { get; init; }

    public bool Ssl { get; init; }

    /// <summary>Name the server certificate must carry; the endpoint host when null.</summary>
    public string? SslHost { get; init; }

    public int Database { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Default per-call timeout (<c>syncTimeout</c>/<c>asyncTimeout</c>, ms).</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>When false, connecting returns at once and keeps retrying in the background.</summary>
    public bool AbortConnect { get; init; } = true;

    public string? ClientName { get; init; }

    /// <summary>2 or 3: with 3 the handshake is <c>HELLO 3</c> and replies may use RESP3 types.</summary>
    public int Protocol { get; init; } = 2;

    public static RedisOptions Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = new RedisOptions();
        var endpoints = new List<(string, int)>();
        foreach (var raw in connectionString.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = raw.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                endpoints.Add(ParseEndpoint(raw));
                continue;
            }

            var key = raw[..eq].Trim();
            var value = raw[(eq + 1)..].Trim();
            options = key.ToLowerInvariant() switch
            {
                "password" => options with { Password = value },
                "user" => options with { User = value },
                "ssl" => options with { Ssl = bool.Parse(value) },
                "sslhost" => options with { SslHost = value },
                "defaultdatabase" => options with { Database = int.Parse(value, CultureInfo.InvariantCulture) },
                "connecttimeout" => options with { ConnectTimeout = Milliseconds(value) },
                "synctimeout" or "asynctimeout" => options with { CommandTimeout = Milliseconds(value) },
                "abortconnect" => options with { AbortConnect = bool.Parse(value) },
                "name" => options with { ClientName = value },
                "protocol" => options with { Protocol = value.Equals("resp3", StringComparison.OrdinalIgnoreCase) || value == "3" ? 3 : 2 },
                // Settings that only matter to other clients (allowAdmin, keepAlive, resolveDns…) are accepted and ignored.
                _ => options,
            };
        }

        return endpoints.Count > 0 ? options with { Endpoints = endpoints } : options;
    }

    private static (string, int) ParseEndpoint(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon > 0 && !text.EndsWith(']') && int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            return (text[..colon].Trim('[', ']'), port);
        }

        return (text.Trim('[', ']'), 6379);
    }

    private static TimeSpan Milliseconds(string value) =>
        TimeSpan.FromMilliseconds(int.Parse(value, CultureInfo.InvariantCulture));
}
