using MusicGen.AppHost.Hosting;

namespace MusicGen.AppHost.Servers.Storage;

/// <summary>No S3 server: blobs are files under .musicgen/blobs, served by the API through signed URLs.</summary>
public sealed class FileSystemStorage(ServerContext context) : ServerRuntime
{
    public override ServerMode Mode => ServerMode.Embedded;

    public override string ConnectionString => $"Path={context.DataPath("blobs")}";

    public override string Endpoint => "folder: " + context.DataPath("blobs");

    public override Task PrepareAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(context.DataPath("blobs"));
        return Task.CompletedTask;
    }

    public override Task<bool> IsHealthyAsync(CancellationToken cancellationToken) => Task.FromResult(Directory.Exists(context.DataPath("blobs")));
}
