using System.Data.Common;
using MusicGen.AppHost.Hosting;

namespace MusicGen.AppHost.Servers;

/// <summary>Checks configured connection strings early, so a typo is one clear line instead of a failing service.</summary>
public static class ConnectionStrings
{
    public static DbConnectionStringBuilder ParseKeyValue(string key, string value, string expectedForm)
    {
        try
        {
            return new DbConnectionStringBuilder { ConnectionString = value };
        }
        catch (ArgumentException)
        {
            throw new AppHostConfigurationException($"{key} is not a valid connection string; expected {expectedForm}.");
        }
    }

    /// <summary>Host and port of a StackExchange.Redis-style string (<c>host:port[,password=…][,ssl=true]</c>).</summary>
    public static (string Host, int Port, string? Password) ParseRedis(string key, string value)
    {
        string? endpoint = null;
        string? password = null;
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq < 0)
            {
                endpoint ??= part;
            }
            else if (part[..eq].Trim().Equals("password", StringComparison.OrdinalIgnoreCase))
            {
                password = part[(eq + 1)..];
            }
        }

        const string form = "host:port[,password=…][,ssl=true][,abortConnect=false]";
        if (endpoint is null)
        {
            throw new AppHostConfigurationException($"{key} names no server; expected {form}.");
        }

        var colon = endpoint.LastIndexOf(':');
        var host = colon < 0 ? endpoint : endpoint[..colon];
        var port = 6379;
        if ((colon >= 0 && !int.TryParse(endpoint[(colon + 1)..], out port)) || port is <= 0 or > 65535 || host.Length == 0)
        {
            throw new AppHostConfigurationException($"{key} has '{endpoint}', which is not host:port; expected {form}.");
        }

        return (host, port, password);
    }

    /// <summary>Host and port of an Npgsql string, or null for SQLite (<c>Data Source=…</c>).</summary>
    public static (string Host, int Port)? ParseDatabase(string key, string value)
    {
        const string form = "Host=…;Port=…;Username=…;Password=…;Database=… (Postgres) or Data Source=….db (SQLite)";
        var builder = ParseKeyValue(key, value, form);
        if (builder.ContainsKey("Data Source") || builder.ContainsKey("DataSource") || builder.ContainsKey("Filename"))
        {
            return null;
        }

        var host = builder.TryGetValue("Host", out var h) ? h?.ToString() : builder.TryGetValue("Server", out var s) ? s?.ToString() : null;
        if (string.IsNullOrWhiteSpace(host))
        {
            throw new AppHostConfigurationException($"{key} has neither Host= nor Data Source=; expected {form}.");
        }

        var port = 5432;
        if (builder.TryGetValue("Port", out var p) && !int.TryParse(p?.ToString(), out port))
        {
            throw new AppHostConfigurationException($"{key} has Port={p}, which is not a number; expected {form}.");
        }

        return (host.Split(',')[0], port);
    }

    /// <summary>The S3 endpoint URI, or null for the file-system store (<c>Path=…</c>).</summary>
    public static Uri? ParseStorage(string key, string value)
    {
        const string form = "Endpoint=http://…;Bucket=…;AccessKey=…;SecretKey=…;Region=…;ForcePathStyle=true (S3) or Path=/some/dir (file system)";
        var builder = ParseKeyValue(key, value, form);
        if (builder.ContainsKey("Path"))
        {
            return null;
        }

        if (!builder.TryGetValue("Endpoint", out var endpoint) || !Uri.TryCreate(endpoint?.ToString(), UriKind.Absolute, out var uri))
        {
            throw new AppHostConfigurationException($"{key} has no valid Endpoint= URL nor Path=; expected {form}.");
        }

        if (!builder.ContainsKey("Bucket"))
        {
            throw new AppHostConfigurationException($"{key} has no Bucket=; expected {form}.");
        }

        return uri;
    }
}
