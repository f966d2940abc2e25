namespace MusicGen.Redis;

/// <summary>
/// Keeps one logical connection alive: connects, notices the loss of the socket, reconnects with
/// exponential backoff (100 ms doubling to 5 s, with jitter) and runs <c>onConnected</c> (script
/// reload, resubscription) before handing the new socket to callers.
/// </summary>
internal sealed class ConnectionKeeper(
    RedisOptions options, Func<RespSocket, CancellationToken, Task> onConnected, Action<RedisReply>? pushHandler = null, bool subscriberMode = false)
    : IAsyncDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _lock = new();
    private TaskCompletionSource<RespSocket> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RespSocket? _current;

    public RespSocket? Current => Volatile.Read(ref _current);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.AbortConnect)
        {
            var socket = await ConnectAnyAsync(cancellationToken);
            Publish(socket);
        }
        else
        {
            _ = Task.Run(ReconnectLoopAsync, CancellationToken.None);
        }
    }

    /// <summary>The connected socket, waiting up to <paramref name="timeout"/> while a reconnect is in progress.</summary>
    public async Task<RespSocket> WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        Task<RespSocket> ready;
        lock (_lock)
        {
            ready = _ready.Task;
        }

        try
        {
            return await ready.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new RedisConnectionException($"Not connected to {Describe()} (reconnecting) within {timeout}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        lock (_lock)
        {
            _ready.TrySetException(new ObjectDisposedException(nameof(RedisClient)));
        }

        _current?.Close(new RedisConnectionException("The client was disposed."));
    }

    private void Publish(RespSocket socket)
    {
        lock (_lock)
        {
            _current = socket;
            _ready.TrySetResult(socket);
        }

        _ = WatchAsync(socket);
    }

    private async Task WatchAsync(RespSocket socket)
    {
        await socket.Closed;
        lock (_lock)
        {
            if (_current != socket)
            {
                return;
            }

            _current = null;
            _ready = new TaskCompletionSource<RespSocket>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        if (!_disposed.IsCancellationRequested)
        {
            await ReconnectLoopAsync();
        }
    }

    private async Task ReconnectLoopAsync()
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (!_disposed.IsCancellationRequested)
        {
            try
            {
                var socket = await ConnectAnyAsync(_disposed.Token);
                RedisMetrics.Reconnects.Add(1);
                Publish(socket);
                return;
            }
            catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
            {
                return;
            }
            catch (RedisException)
            {
                var jittered = delay * (0.5 + Random.Shared.NextDouble() / 2);
                try
                {
                    await Task.Delay(jittered, _disposed.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = delay * 2 > MaxBackoff ? MaxBackoff : delay * 2;
            }
        }
    }

    private async Task<RespSocket> ConnectAnyAsync(CancellationToken cancellationToken)
    {
        RedisException? last = null;
        foreach (var endpoint in options.Endpoints)
        {
            RespSocket? socket = null;
            try
            {
                socket = await RespSocket.ConnectAsync(options, endpoint, pushHandler, subscriberMode, cancellationToken);
                await onConnected(socket, cancellationToken);
                return socket;
            }
            catch (RedisException e)
            {
                socket?.Close(e);
                last = e;
            }
        }

        throw last ?? new RedisConnectionException("No endpoint configured.");
    }

    private string Describe() => string.Join(",", options.Endpoints.Select(e => $"{e.Host}:{e.Port}"));
}
