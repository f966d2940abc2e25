using System.Collections.Concurrent;

namespace MusicGen.Redis;

/// <summary>
/// Pub/sub on its own connection (a subscribed connection can run nothing else). Channels are
/// subscribed again after every reconnect. Handlers run on the connection's reader: keep them short.
/// </summary>
public sealed class RedisSubscriber : IAsyncDisposable
{
    private readonly ConnectionKeeper _keeper;
    private readonly ConcurrentDictionary<string, ImmutableHandlers> _channels = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _confirmations = new();

    private RedisSubscriber(RedisOptions options)
    {
        Options = options;
        _keeper = new ConnectionKeeper(options, ResubscribeAsync, OnPush, subscriberMode: true);
    }

    public RedisOptions Options { get; }

    /// <summary>Raised after the connection came back and every channel was subscribed again.</summary>
    public event Action? Resubscribed;

    public static Task<RedisSubscriber> ConnectAsync(string connectionString, CancellationToken cancellationToken = default) =>
        ConnectAsync(RedisOptions.Parse(connectionString), cancellationToken);

    public static async Task<RedisSubscriber> ConnectAsync(RedisOptions options, CancellationToken cancellationToken = default)
    {
        var subscriber = new RedisSubscriber(options);
        await subscriber._keeper.StartAsync(cancellationToken);
        return subscriber;
    }

    /// <summary>Subscribes to <paramref name="channel"/>; completes once the server confirmed it. Dispose the result to stop.</summary>
    public async Task<IAsyncDisposable> SubscribeAsync(string channel, Action<string, ReadOnlyMemory<byte>> handler, CancellationToken cancellationToken = default)
    {
        var added = false;
        _channels.AddOrUpdate(channel, _ => { added = true; return new ImmutableHandlers([handler]); }, (_, h) => h.With(handler));
        var subscription = new Subscription(this, channel, handler);
        if (added)
        {
            try
            {
                var socket = await _keeper.WaitReadyAsync(Options.ConnectTimeout, cancellationToken);
                await SubscribeOnAsync(socket, [channel], cancellationToken);
            }
            catch
            {
                // The caller gets no subscription to dispose, so the handler must not stay registered.
                await subscription.DisposeAsync();
                throw;
            }
        }

        return subscription;
    }

    public ValueTask DisposeAsync() => _keeper.DisposeAsync();

    private async Task SubscribeOnAsync(RespSocket socket, string[] channels, CancellationToken cancellationToken)
    {
        var waits = channels.Select(c => _confirmations.GetOrAdd(c, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task).ToArray();
        socket.Send("SUBSCRIBE", [.. channels.Select(c => (RedisArg)c)], expectReply: false);
        await Task.WhenAll(waits).WaitAsync(Options.ConnectTimeout, cancellationToken);
    }

    private async Task ResubscribeAsync(RespSocket socket, CancellationToken cancellationToken)
    {
        var channels = _channels.Keys.ToArray();
        foreach (var channel in channels)
        {
            _confirmations.TryRemove(channel, out _);
        }

        if (channels.Length > 0)
        {
            await SubscribeOnAsync(socket, channels, cancellationToken);
            Resubscribed?.Invoke();
        }
    }

    private void OnPush(RedisReply frame)
    {
        var kind = frame.Items.Count > 0 ? frame.Items[0].AsString() : null;
        if (kind == "subscribe" && frame.Items.Count >= 2)
        {
            var channel = frame.Items[1].AsString()!;
            _confirmations.GetOrAdd(channel, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
        else if (kind == "message" && frame.Items.Count >= 3)
        {
            var channel = frame.Items[1].AsString()!;
            if (_channels.TryGetValue(channel, out var handlers))
            {
                foreach (var handler in handlers.All)
                {
                    handler(channel, frame.Items[2].Bytes);
                }
            }
        }
    }

    private void Unsubscribe(string channel, Action<string, ReadOnlyMemory<byte>> handler)
    {
        while (_channels.TryGetValue(channel, out var handlers))
        {
            var rest = handlers.Without(handler);
            if (rest.All.Length > 0 ? _channels.TryUpdate(channel, rest, handlers) : _channels.TryRemove(new(channel, handlers)))
            {
                if (rest.All.Length == 0)
                {
                    _confirmations.TryRemove(channel, out _);
                    if (_keeper.Current is { } socket)
                    {
                        try
                        {
                            socket.Send("UNSUBSCRIBE", [channel], expectReply: false);
                        }
                        catch (RedisConnectionException)
                        {
                        }
                    }
                }

                break;
            }
        }
    }

    private sealed record ImmutableHandlers(Action<string, ReadOnlyMemory<byte>>[] All)
    {
        public ImmutableHandlers With(Action<string, ReadOnlyMemory<byte>> handler) => new([.. All, handler]);

        public ImmutableHandlers Without(Action<string, ReadOnlyMemory<byte>> handler) => new([.. All.Where(h => h != handler)]);
    }

    private sealed class Subscription(RedisSubscriber owner, string channel, Action<string, ReadOnlyMemory<byte>> handler) : IAsyncDisposable
    {
        private int _disposed;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(channel, handler);
            }

            return ValueTask.CompletedTask;
        }
    }
}
