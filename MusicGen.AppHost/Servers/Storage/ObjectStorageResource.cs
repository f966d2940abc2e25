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

    protected override ServerRuntime ChooseRuntime(ServerContext context)
    {
        var forced = context.ForcedMode(Name);
        var key = $"ConnectionStrings:{Name}";
        var configured = context.Configuration[key];
        if (forced is null or ServerMode.External && !string.IsNullOrWhiteSpace(configured))
        {
            return new ExternalStorage(key, configured);
        }

        if (forced is ServerMode.External)
        {
            throw new AppHostConfigurationException($"AppHost:Modes:{Name} is external, but {key} is not set.");
        }

        var s3rver = context.Executables.Find("s3rver");
        var node = context.Executables.Find("node");
        if (forced is null or ServerMode.Local && s3rver is not null && node is not null)
        {
            return new LocalS3rver(s3rver, node, Port, Bucket, context);
        }

        if (forced is ServerMode.Local)
        {
            throw new AppHostConfigurationException($"AppHost:Modes:{Name} is local, but s3rver or node is missing: npm install --prefix tools (see README).");
        }

        return new FileSystemStorage(context);
    }

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
