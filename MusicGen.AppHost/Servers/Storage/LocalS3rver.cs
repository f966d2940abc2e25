using System.Globalization;
using MusicGen.AppHost.Hosting;

namespace MusicGen.AppHost.Servers.Storage;

/// <summary>s3rver (npm) on loopback with its files under .musicgen/s3 and the bucket created at start.</summary>
public sealed class LocalS3rver(string script, string node, int port, string bucket, ServerContext context) : ServerRuntime
{
    // s3rver's fixed development credentials.
    private const string AccessKey = "S3RVER";

    public override ServerMode Mode => ServerMode.Local;

    public override string ConnectionString =>
        $"Endpoint=http://127.0.0.1:{port};Bucket={bucket};AccessKey={AccessKey};SecretKey={AccessKey};Region=us-east-1;ForcePathStyle=true";

    public override string Endpoint => $"http://127.0.0.1:{port}";

    public override int? ListenPort => port;

    // Run through node explicitly: the script's "#!/usr/bin/env node" needs node on PATH, which a service PATH may lack.
    public override ProcessSpec Process => new(node,
    [
        script, "--directory", context.DataPath("s3"), "--address", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture),
        "--configure-bucket", bucket,
    ], context.Environment.RepositoryRoot);

    public override Task PrepareAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(context.DataPath("s3"));
        return Task.CompletedTask;
    }

    public override async Task<bool> IsHealthyAsync(CancellationToken cancellationToken) =>
        await Probes.HttpStatusAsync($"http://127.0.0.1:{port}/", cancellationToken) is >= 200 and < 500;
}
