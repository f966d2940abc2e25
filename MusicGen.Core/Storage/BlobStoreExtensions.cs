using MusicGen.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static class BlobStoreExtensions
{
    /// <summary>
    /// Registers <see cref="IBlobStore"/> on <c>ConnectionStrings:storage</c>: S3 for the <c>Endpoint=…;Bucket=…</c>
    /// form, the folder store for <c>Path=…</c>. Throws at startup, with what to fix, when the string is missing or malformed.
    /// </summary>
    public static IHostApplicationBuilder AddBlobStore(this IHostApplicationBuilder builder)
    {
        var connection = StorageConnection.Parse(builder.Configuration.GetConnectionString(StorageConnection.ConnectionName));
        builder.Services.AddSingleton(connection);
        if (connection.IsFileSystem)
        {
            builder.Services.AddSingleton<IBlobStore>(new FileSystemBlobStore(connection.Path!));
        }
        else
        {
            builder.Services.AddSingleton(_ => S3BlobStore.CreateClient(connection));
            builder.Services.AddSingleton<IBlobStore>(services => new S3BlobStore(services.GetRequiredService<Amazon.S3.IAmazonS3>(), connection.Bucket!));
        }

        return builder;
    }
}
