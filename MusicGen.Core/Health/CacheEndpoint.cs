namespace MusicGen.Core.Health;

/// <summary>The Redis server named by <c>ConnectionStrings:cache</c> in StackExchange.Redis form: <c>host:port[,password=…][,ssl=true]</c>.</summary>
public sealed record CacheEndpoint(string Host, int Port, string? Password, bool Ssl)
{
    public const string ConnectionName = "cache";

    public static CacheEndpoint Parse(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionName} is not set. Set it (env ConnectionStrings__{ConnectionName}) to 'host:port' or 'host:port,password=…'.");
        }

        var parts = connectionString.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var address = parts.Length > 0 ? parts[0] : "";
        var colon = address.LastIndexOf(':');
        var host = colon < 0 ? address : address[..colon];
        var port = 6379;
        if (host.Length == 0 || address.Contains('=') || (colon >= 0 && (!int.TryParse(address[(colon + 1)..], out port) || port is < 1 or > 65535)))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionName} is malformed: expected 'host:port[,password=…][,ssl=true]', the first item must be host:port with a port from 1 to 65535.");
        }

        string? password = null;
        var ssl = false;
        foreach (var option in parts.Skip(1))
        {
            var (key, value) = option.Split('=', 2) is [var k, var v] ? (k.Trim(), v.Trim()) : (option, "");
            if (key.Equals("password", StringComparison.OrdinalIgnoreCase))
            {
                password = value;
            }
            else if (key.Equals("ssl", StringComparison.OrdinalIgnoreCase))
            {
                ssl = bool.TryParse(value, out var on) && on;
            }
        }

        return new CacheEndpoint(host, port, password, ssl);
    }
}
