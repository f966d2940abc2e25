using System.Text;
using MusicGen.Testing.Redis;

namespace MusicGen.Redis.Tests;

/// <summary>Each test starts (and kills) its own server.</summary>
public abstract class RedisRecoveryTests(RedisServerKind kind)
{
    [Fact]
    public async Task ExecuteAsync_ServerKilledMidPipeline_CallersFailThenClientAndSubscriptionsRecover()
    {
        await using var server = await RedisTestServer.StartAsync(kind);
        await using var client = await RedisClient.ConnectAsync(server.ConnectionString);
        await using var subscriber = await RedisSubscriber.ConnectAsync(server.ConnectionString);
        var messages = new List<string>();
        await using var subscription = await subscriber.SubscribeAsync("news", (_, m) => { lock (messages) { messages.Add(Encoding.UTF8.GetString(m.Span)); } });
        var script = new RedisScript("return 'script ok'");
        (await client.EvalAsync(script, [], [])).AsString().ShouldBe("script ok");

        // A blocking call holds the pipeline, so every call behind it is in flight when the server dies.
        var blocked = client.ExecuteAsync(TimeSpan.FromSeconds(30), default, "BLPOP", "never", 20);
        var inFlight = Enumerable.Range(0, 1000).Select(i => client.ExecuteAsync(TimeSpan.FromSeconds(30), default, "ECHO", "m" + i)).ToList();
        await Task.Delay(300);
        server.Kill();

        await Should.ThrowAsync<RedisConnectionException>(() => blocked);
        foreach (var call in inFlight)
        {
            await Should.ThrowAsync<RedisConnectionException>(() => call);
        }

        await server.RestartAsync();

        (await client.ExecuteAsync(TimeSpan.FromSeconds(30), default, "PING")).AsString().ShouldBe("PONG");
        (await client.EvalAsync(script, [], [])).AsString().ShouldBe("script ok");
        await Eventually.TrueAsync(
            async () =>
            {
                await client.PublishAsync("news", "after restart");
                lock (messages)
                {
                    return messages.Contains("after restart");
                }
            },
            TimeSpan.FromSeconds(30),
            "the subscription to resume");
    }

    [Fact]
    public async Task ConnectAsync_PasswordProtectedServer_AuthenticatesOnlyWithPassword()
    {
        await using var server = await RedisTestServer.StartAsync(kind, password: "s3cret");

        await using var client = await RedisClient.ConnectAsync($"127.0.0.1:{server.Port},password=s3cret");
        (await client.ExecuteAsync("PING")).AsString().ShouldBe("PONG");

        await using var anonymous = await RedisClient.ConnectAsync($"127.0.0.1:{server.Port}");
        (await Should.ThrowAsync<RedisServerException>(() => anonymous.ExecuteAsync("GET", "k"))).Prefix.ShouldBe("NOAUTH");
    }

    [Fact]
    public async Task ConnectAsync_ServerNotYetUp_ConnectsInBackgroundWhenAbortConnectIsFalse()
    {
        await using var server = await RedisTestServer.StartAsync(kind);
        server.Kill();

        await using var client = await RedisClient.ConnectAsync(server.ConnectionString);
        client.IsConnected.ShouldBeFalse();
        await server.RestartAsync();

        (await client.ExecuteAsync(TimeSpan.FromSeconds(30), default, "PING")).AsString().ShouldBe("PONG");
    }
}

public sealed class RedisRecoveryOnRedisTests() : RedisRecoveryTests(RedisServerKind.Redis);

public sealed class RedisRecoveryOnGarnetTests() : RedisRecoveryTests(RedisServerKind.Garnet);
