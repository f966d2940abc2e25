using System.Collections.Concurrent;
using System.Diagnostics;

namespace MusicGen.Redis;

/// <summary>
/// A multiplexed connection: any number of concurrent callers share one socket, their commands
/// pipelined. Thread-safe; create one per application. Blocking commands (BLPOP, BZPOPMIN…) would
/// stall every other caller here: run them on <see cref="ConnectDedicatedAsync"/>.
/// </summary>
public sealed class RedisClient : IAsyncDisposable
{
    private readonly ConnectionKeeper _keeper;
    private readonly ConcurrentDictionary<string, RedisScript> _scripts = new();

    private RedisClient(RedisOptions options)
    {
        Options = options;
        _keeper = new ConnectionKeeper(options, ReloadScriptsAsync);
    }

    public RedisOptions Options { get; }

    public bool IsConnected => _keeper.Current is not null;

    public static Task<RedisClient> ConnectAsync(string connectionString, CancellationToken cancellationToken = default) =>
        ConnectAsync(RedisOptions.Parse(connectionString), cancellationToken);

    /// <summary>Connects; with <c>abortConnect=false</c> returns at once and connects in the background.</summary>
    public static async Task<RedisClient> ConnectAsync(RedisOptions options, CancellationToken cancellationToken = default)
    {
        var client = new RedisClient(options);
        await client._keeper.StartAsync(cancellationToken);
        return client;
    }

    /// <summary>A separate connection with the same settings, for blocking commands that must not hold up others.</summary>
    public Task<RedisClient> ConnectDedicatedAsync(CancellationToken cancellationToken = default) =>
        ConnectAsync(Options, cancellationToken);

    public Task<RedisReply> ExecuteAsync(string command, params ReadOnlySpan<RedisArg> args) =>
        ExecuteAsync(null, default, command, args);

    /// <summary>Sends a command; <paramref name="timeout"/> defaults to the options' command timeout.</summary>
    public Task<RedisReply> ExecuteAsync(TimeSpan? timeout, CancellationToken cancellationToken, string command, params ReadOnlySpan<RedisArg> args)
    {
        var wait = timeout ?? Options.CommandTimeout;
        var socket = _keeper.Current;
        if (socket is null)
        {
            return ExecuteWhenConnectedAsync(wait, cancellationToken, command, args.ToArray());
        }

        return SendAsync(socket, wait, cancellationToken, command, args);
    }

    public Task<RedisReply> ExecuteAsync(string command, IReadOnlyList<RedisArg> args, CancellationToken cancellationToken = default, TimeSpan? timeout = null) =>
        ExecuteAsync(timeout, cancellationToken, command, args as RedisArg[] ?? [.. args]);

    /// <summary>Runs a script by its SHA1, sending the source once when the server does not know it (NOSCRIPT).</summary>
    public async Task<RedisReply> EvalAsync(RedisScript script, RedisArg[] keys, RedisArg[] args, CancellationToken cancellationToken = default, TimeSpan? timeout = null)
    {
        _scripts.TryAdd(script.Sha1, script);
        var all = new RedisArg[2 + keys.Length + args.Length];
        all[0] = script.Sha1;
        all[1] = keys.Length;
        keys.CopyTo(all, 2);
        args.CopyTo(all, 2 + keys.Length);
        try
        {
            return await ExecuteAsync(timeout, cancellationToken, "EVALSHA", all);
        }
        catch (RedisServerException e) when (e.Prefix == "NOSCRIPT")
        {
            all[0] = script.Source;
            return await ExecuteAsync(timeout, cancellationToken, "EVAL", all);
        }
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(null, cancellationToken, "GET", key)).AsBytes();

    public async Task<string?> GetStringAsync(string key, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(null, cancellationToken, "GET", key)).AsString();

    public async Task SetAsync(string key, RedisArg value, TimeSpan? expiry = null, CancellationToken cancellationToken = default)
    {
        if (expiry is { } ttl)
        {
            await ExecuteAsync(null, cancellationToken, "SET", key, value, "PX", (long)ttl.TotalMilliseconds);
        }
        else
        {
            await ExecuteAsync(null, cancellationToken, "SET", key, value);
        }
    }

    public async Task<long> PublishAsync(string channel, RedisArg message, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(null, cancellationToken, "PUBLISH", channel, message)).AsInt64();

    public ValueTask DisposeAsync() => _keeper.DisposeAsync();

    private static Task<RedisReply> SendAsync(RespSocket socket, TimeSpan timeout, CancellationToken cancellationToken, string command, ReadOnlySpan<RedisArg> args)
    {
        var started = Stopwatch.GetTimestamp();
        PendingCall call;
        try
        {
            call = socket.Send(command, args)!;
        }
        catch (RedisConnectionException e)
        {
            return Task.FromException<RedisReply>(e);
        }

        RedisMetrics.Commands.Add(1);
        return AwaitAsync(call, started, timeout, cancellationToken, command);
    }

    private static async Task<RedisReply> AwaitAsync(PendingCall call, long started, TimeSpan timeout, CancellationToken cancellationToken, string command)
    {
        try
        {
            return await call.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new RedisTimeoutException($"{command} got no reply within {timeout.TotalMilliseconds} ms.");
        }
        finally
        {
            RedisMetrics.Duration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private async Task<RedisReply> ExecuteWhenConnectedAsync(TimeSpan timeout, CancellationToken cancellationToken, string command, RedisArg[] args)
    {
        var started = Stopwatch.GetTimestamp();
        var socket = await _keeper.WaitReadyAsync(timeout, cancellationToken);
        var remaining = timeout == Timeout.InfiniteTimeSpan ? timeout : timeout - Stopwatch.GetElapsedTime(started);
        if (remaining <= TimeSpan.Zero && remaining != Timeout.InfiniteTimeSpan)
        {
            throw new RedisTimeoutException($"{command} could not be sent within {timeout.TotalMilliseconds} ms.");
        }

        var call = socket.Send(command, args)!;
        RedisMetrics.Commands.Add(1);
        return await AwaitAsync(call, started, remaining, cancellationToken, command);
    }

    private async Task ReloadScriptsAsync(RespSocket socket, CancellationToken cancellationToken)
    {
        var loads = _scripts.Values.Select(script => socket.Send("SCRIPT", ["LOAD", script.Source])!.Task).ToList();
        await Task.WhenAll(loads).WaitAsync(Options.ConnectTimeout, cancellationToken);
    }
}
