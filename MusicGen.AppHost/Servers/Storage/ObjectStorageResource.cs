using MusicGen.AppHost.Hosting;
using MusicGen.AppHost.Publishing;

namespace MusicGen.AppHost.Servers.Storage;

/// <summary>
/// Object storage for rendered audio: external S3 (<c>ConnectionStrings:storage</c>), a local s3rver
/// (S3-compatible, from npm), or a folder under .musicgen/blobs.
/// </summary>
public sealed class ObjectStorageResource(string name, int port, string bucket) : ServerResource(name, port)
{
    public string Bucket { get; } = bucket;

    public override string Kind => "s3";

    public override string ManifestConnectionString =>
        $"Endpoint=http://{{{Name}.bindings.http.host}}:{{{Name}.bindings.http.port}};Bucket={Bucket};AccessKey=musicgen;SecretKey={{{SecretParameter}.value}};Region=us-east-1;ForcePathStyle=true";

    private string SecretParameter => $"{Name}-secret-key";

    protected override string ExternalRequirement => $"ConnectionStrings:{Name} is not set";

    protected override string LocalRequirement => "s3rver or node is missing: npm ci --prefix tools (see README)";

    protected override ServerRuntime? External(ServerContext context) =>
        context.Configuration[$"ConnectionStrings:{Name}"] is { Length: > 0 } configured
            ? new ExternalStorage($"ConnectionStrings:{Name}", configured)
            : null;

    protected override ServerRuntime? Local(ServerContext context) =>
        context.Executables.Find("s3rver") is { } s3rver && context.Executables.Find("node") is { } node
            ? new LocalS3rver(s3rver, node, Port, Bucket, context)
            : null;

    protected override ServerRuntime Embedded(ServerContext context) => new FileSystemStorage(context);

    internal override void WriteManifest(ManifestWriter writer)
    {
        writer.Parameter(SecretParameter, secret: true, generateLength: 32);
        writer.Container(
            Name,
            image: "docker.io/minio/minio:latest",
            connectionString: ManifestConnectionString,
            env: new Dictionary<string, string>
            {
                ["MINIO_ROOT_USER"] = "musicgen",
                ["MINIO_ROOT_PASSWORD"] = $"{{{SecretParameter}.value}}",
            },
            bindingScheme: "http",
            targetPort: 9000,
            args: ["server", "/data"],
            volume: ($"{Name}-data", "/data"));
    }
}
