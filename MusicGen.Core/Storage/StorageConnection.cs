using System.Data.Common;

namespace MusicGen.Core.Storage;

/// <summary>
/// <c>ConnectionStrings:storage</c>: <c>Endpoint=http://…;Bucket=…;AccessKey=…;SecretKey=…;Region=…;ForcePathStyle=true</c>
/// for S3 (Endpoint may be left out for AWS itself), or <c>Path=/some/dir</c> for the folder store.
/// </summary>
public sealed record StorageConnection(string? Path, Uri? Endpoint, string? Bucket, string? AccessKey, string? SecretKey, string Region, bool ForcePathStyle)
{
    public const string ConnectionName = "storage";

    public bool IsFileSystem => Path is not null;

    public static StorageConnection Parse(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionName} is not set. Set it (env ConnectionStrings__{ConnectionName}) to 'Endpoint=http://host:port;Bucket=…;AccessKey=…;SecretKey=…;Region=…;ForcePathStyle=true' or 'Path=/some/dir'.");
        }

        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException e)
        {
            throw Malformed(e.Message);
        }

        string? Get(string name) => builder.TryGetValue(name, out var value) && value?.ToString() is { Length: > 0 } text ? text : null;

        if (Get("Path") is { } path)
        {
            return new StorageConnection(path, null, null, null, null, "us-east-1", false);
        }

        var bucket = Get("Bucket") ?? throw Malformed("Bucket is missing.");
        Uri? endpoint = null;
        if (Get("Endpoint") is { } text && (!Uri.TryCreate(text, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            throw Malformed($"Endpoint '{text}' is not an absolute http(s) URL.");
        }

        var forcePathStyle = Get("ForcePathStyle") is not { } force || !bool.TryParse(force, out var on) || on;
        return new StorageConnection(null, endpoint, bucket, Get("AccessKey"), Get("SecretKey"), Get("Region") ?? "us-east-1", forcePathStyle);
    }

    private static InvalidOperationException Malformed(string reason) => new(
        $"ConnectionStrings:{ConnectionName} is malformed: {reason} Expected 'Endpoint=http://host:port;Bucket=…;AccessKey=…;SecretKey=…;Region=…;ForcePathStyle=true' or 'Path=/some/dir'.");
}
