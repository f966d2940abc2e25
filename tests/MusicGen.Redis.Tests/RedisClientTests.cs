using System.Text;
using MusicGen.Testing;
using MusicGen.Testing.Redis;

namespace MusicGen.Redis.Tests;

/// <summary>The protocol against a real server; run once per server kind by the sealed classes below.</summary>
public abstract class RedisClientTests(RedisServerFixture fixture) : IAsyncLifetime
{
    private RedisClient _client = null!;

    protected RedisServerFixture Fixture { get; } = fixture;

    private string Key { get; } = "t:" + Guid.NewGuid().ToString("N");

    public async ValueTask InitializeAsync() => _client = await RedisClient.ConnectAsync(Fixture.ConnectionString);

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task ExecuteAsync_RespTwoReplies_AreDecodedByType()
    {
        (await _client.ExecuteAsync("SET", Key, "v")).Kind.ShouldBe(RedisReplyKind.SimpleString);
        (await _client.ExecuteAsync("GET", Key)).AsString().ShouldBe("v");
        (await _client.ExecuteAsync("GET", Key + ":missing")).IsNull.ShouldBeTrue();
        (await _client.ExecuteAsync("INCRBY", Key + ":n", 41)).Integer.ShouldBe(41);

        var nested = await _client.ExecuteAsync("EVAL", "return {1, 'a', {2, {'b', 'c'}}, {}}", 0);

        nested.Kind.ShouldBe(RedisReplyKind.Array);
        nested.Items[0].AsInt64().ShouldBe(1);
        nested.Items[1].AsString().ShouldBe("a");
        nested.Items[2].Items[1].Items.Select(i => i.AsString()).ShouldBe(["b", "c"]);
        nested.Items[3].Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task ExecuteAsync_RespThree_DecodesMapsSetsAndDoubles()
    {
        await using var client = await RedisClient.ConnectAsync(Fixture.ConnectionString + ",protocol=resp3");
        await client.ExecuteAsync("HSET", Key, "f", "1");
        await client.ExecuteAsync("SADD", Key + ":s", "m");
        await client.ExecuteAsync("ZADD", Key + ":z", "2.5", "m");

        var map = await client.ExecuteAsync("HGETALL", Key);
        var set = await client.ExecuteAsync("SMEMBERS", Key + ":s");
        var score = await client.ExecuteAsync("ZSCORE", Key + ":z", "m");

        map.Kind.ShouldBe(RedisReplyKind.Map);
        map.Items.Select(i => i.AsString()).ShouldBe(["f", "1"]);
        set.Kind.ShouldBe(RedisReplyKind.Set);
        set.Items.Single().AsString().ShouldBe("m");
        double.Parse(score.AsString()!, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(2.5);
        (await client.ExecuteAsync("GET", Key + ":missing")).IsNull.ShouldBeTrue();
    }

    [Fact]
    public async Task ExecuteAsync_ServerError_ThrowsServerExceptionWithMessage()
    {
        await _client.ExecuteAsync("SET", Key, "text");

        var error = await Should.ThrowAsync<RedisServerException>(() => _client.ExecuteAsync("INCR", Key));

        error.Prefix.ShouldBe("ERR");
        error.Message.ShouldContain("not an integer");
        (await _client.ExecuteAsync("PING")).AsString().ShouldBe("PONG");
    }

    [Fact]
    public async Task SetAsync_BinaryValueWithCrLf_RoundTripsExactly()
    {
        var value = Enumerable.Range(0, 1024).Select(i => (byte)(i % 256)).Concat("\r\n\r\n"u8.ToArray()).ToArray();

        await _client.SetAsync(Key, value);

        (await _client.GetAsync(Key)).ShouldBe(value);
    }

    [Fact]
    public async Task SetAsync_TenMegabyteValue_RoundTripsExactly()
    {
        var value = new byte[10 * 1024 * 1024];
        new Random(7).NextBytes(value);

        await _client.SetAsync(Key, value);
        var back = await _client.GetAsync(Key);

        back.ShouldNotBeNull();
        back.Length.ShouldBe(value.Length);
        back.AsSpan().SequenceEqual(value).ShouldBeTrue();
    }

    [Fact]
    public async Task ExecuteAsync_TenThousandConcurrentCalls_EachGetsItsOwnReply()
    {
        var calls = Enumerable.Range(0, 10_000)
            .AsParallel()
            .Select(i => (i, task: i % 2 == 0 ? _client.ExecuteAsync("ECHO", "value-" + i) : _client.ExecuteAsync("INCRBY", Key + ":c" + i, i)))
            .ToList();

        await Task.WhenAll(calls.Select(c => c.task));

        foreach (var (i, task) in calls)
        {
            (await task).AsString().ShouldBe(i % 2 == 0 ? "value-" + i : i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task EvalAsync_ScriptUnknownToServer_FallsBackToSource()
    {
        var script = new RedisScript("return 'run ' .. ARGV[1] .. ' " + Guid.NewGuid().ToString("N") + "'");

        var first = await _client.EvalAsync(script, [], ["a"]);
        await _client.ExecuteAsync("SCRIPT", "FLUSH");
        var second = await _client.EvalAsync(script, [], ["b"]);

        first.AsString().ShouldStartWith("run a ");
        second.AsString().ShouldStartWith("run b ");
    }

    [Fact]
    public async Task ExecuteAsync_NoReplyWithinTimeout_ThrowsTimeoutException()
    {
        await using var dedicated = await _client.ConnectDedicatedAsync();

        await Should.ThrowAsync<RedisTimeoutException>(
            () => dedicated.ExecuteAsync(TimeSpan.FromMilliseconds(200), default, "BLPOP", Key + ":empty", 5));
    }

    [Fact]
    public async Task ExecuteAsync_CancelledWhileWaiting_ThrowsOperationCanceled()
    {
        await using var dedicated = await _client.ConnectDedicatedAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Should.ThrowAsync<OperationCanceledException>(
            () => dedicated.ExecuteAsync(TimeSpan.FromSeconds(30), cancel.Token, "BLPOP", Key + ":empty", 5));
    }

    [Fact]
    public async Task ConnectAsync_DefaultDatabase_SelectsIt()
    {
        await using var other = await RedisClient.ConnectAsync(Fixture.ConnectionString + ",defaultDatabase=1");

        await other.SetAsync(Key, "in db 1");

        (await other.GetStringAsync(Key)).ShouldBe("in db 1");
        (await _client.GetStringAsync(Key)).ShouldBeNull();
    }

    [Fact]
    public async Task ConnectAsync_NothingListening_ThrowsConnectionException()
    {
        var port = FreePort.Next();

        await Should.ThrowAsync<RedisConnectionException>(() => RedisClient.ConnectAsync($"127.0.0.1:{port},connectTimeout=1000"));
    }

    [Fact]
    public async Task SubscribeAsync_PublishedMessage_ReachesHandler()
    {
        await using var subscriber = await RedisSubscriber.ConnectAsync(Fixture.ConnectionString);
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = await subscriber.SubscribeAsync(Key, (_, message) => received.TrySetResult(Encoding.UTF8.GetString(message.Span)));

        (await _client.PublishAsync(Key, "hello\r\nworld")).ShouldBe(1);

        (await received.Task.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBe("hello\r\nworld");
        await subscription.DisposeAsync();
        await Eventually.TrueAsync(async () => await _client.PublishAsync(Key, "gone") == 0, TimeSpan.FromSeconds(10), "the unsubscribe");
    }
}

public sealed class RedisClientOnRedisTests(RedisFixture fixture) : RedisClientTests(fixture), IClassFixture<RedisFixture>;

public sealed class RedisClientOnGarnetTests(GarnetFixture fixture) : RedisClientTests(fixture), IClassFixture<GarnetFixture>;
