using Xunit;

namespace MusicGen.Testing.Storage;

/// <summary>One s3rver shared by the tests of a class; a missing node or package surfaces in each test as a skip or a failure.</summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    private S3rverServer? _server;

    public S3rverServer Server
    {
        get
        {
            if (_server is null)
            {
                ExternalServices.Unavailable(S3rverServer.MissingReason() ?? "s3rver did not start");
            }

            return _server!;
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (S3rverServer.MissingReason() is null)
        {
            _server = await S3rverServer.StartAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
