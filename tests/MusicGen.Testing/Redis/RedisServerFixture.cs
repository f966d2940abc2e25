using Xunit;

namespace MusicGen.Testing.Redis;

/// <summary>One server shared by the tests of a class; start failures surface in each test, as a skip or a failure.</summary>
public abstract class RedisServerFixture(RedisServerKind kind) : IAsyncLifetime
{
    private RedisTestServer? _server;
    private Exception? _startFailure;

    public RedisServerKind Kind { get; } = kind;

    public RedisTestServer Server
    {
        get
        {
            if (_server is null)
            {
                if (RedisTestServer.MissingReason(Kind) is { } reason)
                {
                    ExternalServices.Unavailable(reason);
                }

                throw new InvalidOperationException($"{Kind} did not start: {_startFailure?.Message}", _startFailure);
            }

            return _server;
        }
    }

    public string ConnectionString => Server.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        if (RedisTestServer.MissingReason(Kind) is not null)
        {
            return;
        }

        try
        {
            _server = await RedisTestServer.StartAsync(Kind);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            _startFailure = e;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class RedisFixture() : RedisServerFixture(RedisServerKind.Redis);

public sealed class GarnetFixture() : RedisServerFixture(RedisServerKind.Garnet);
