using System.Collections.Concurrent;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace MusicGen.Redis;

/// <summary>
/// One physical connection. Callers append encoded commands to a shared buffer (under a lock, in
/// the same order as their pending replies are queued); a writer loop flushes whatever has
/// gathered, so concurrent callers are pipelined into few writes; a reader loop matches replies
/// to callers first-in first-out. Any I/O failure closes the socket and fails every pending call.
/// </summary>
internal sealed class RespSocket
{
    private const int InitialBufferSize = 64 * 1024;

    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly Lock _writeLock = new();
    private readonly ConcurrentQueue<PendingCall> _pending = new();
    private readonly SemaphoreSlim _writeSignal = new(0);
    private readonly TaskCompletionSource<Exception> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<RedisReply>? _pushHandler;
    private readonly bool _subscriberMode;
    private byte[] _buffer = new byte[InitialBufferSize];
    private byte[] _spare = new byte[InitialBufferSize];
    private int _length;
    private bool _isClosed;

    private RespSocket(Socket socket, Stream stream, Action<RedisReply>? pushHandler, bool subscriberMode)
    {
        _socket = socket;
        _stream = stream;
        _pushHandler = pushHandler;
        _subscriberMode = subscriberMode;
    }

    /// <summary>Completes (with the cause) when the connection is gone.</summary>
    public Task<Exception> Closed => _closed.Task;

    public static async Task<RespSocket> ConnectAsync(
        RedisOptions options, (string Host, int Port) endpoint, Action<RedisReply>? pushHandler, bool subscriberMode, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        RespSocket? connection = null;
        try
        {
            await socket.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token);
            Stream stream = new NetworkStream(socket, ownsSocket: false);
            if (options.Ssl)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                await ssl.AuthenticateAsClientAsync(
                    new SslClientAuthenticationOptions { TargetHost = options.SslHost ?? endpoint.Host }, timeout.Token);
                stream = ssl;
            }

            connection = new RespSocket(socket, stream, pushHandler, subscriberMode);
            connection.Start();
            await connection.HandshakeAsync(options).WaitAsync(timeout.Token);
            return connection;
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
        {
            connection?.Close(e);
            socket.Dispose();
            if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new RedisConnectionException($"Cannot connect to {endpoint.Host}:{endpoint.Port}: {e.Message}", e);
        }
        catch
        {
            connection?.Close(new RedisConnectionException("Handshake failed"));
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Queues a command; the returned call completes with its reply (null when no reply is expected).</summary>
    public PendingCall? Send(string command, ReadOnlySpan<RedisArg> args, bool expectReply = true)
    {
        var size = HeaderSize(args.Length + 1) + BulkSize(Encoding.UTF8.GetByteCount(command));
        Span<int> lengths = args.Length <= 64 ? stackalloc int[args.Length] : new int[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            lengths[i] = args[i].ByteCount;
            size += BulkSize(lengths[i]);
        }

        var call = expectReply ? new PendingCall() : null;
        bool signal;
        lock (_writeLock)
        {
            if (_isClosed)
            {
                throw new RedisConnectionException("The connection is closed.");
            }

            EnsureCapacity(size);
            var span = _buffer.AsSpan(_length);
            var at = WriteHeader(span, (byte)'*', args.Length + 1);
            at += WriteBulk(span[at..], command);
            for (var i = 0; i < args.Length; i++)
            {
                at += WriteHeader(span[at..], (byte)'$', lengths[i]);
                at += args[i].Write(span[at..]);
                span[at++] = (byte)'\r';
                span[at++] = (byte)'\n';
            }

            signal = _length == 0;
            _length += at;
            if (call is not null)
            {
                _pending.Enqueue(call);
            }
        }

        if (signal)
        {
            _writeSignal.Release();
        }

        return call;
    }

    public void Close(Exception reason)
    {
        lock (_writeLock)
        {
            if (_isClosed)
            {
                return;
            }

            _isClosed = true;
        }

        var failure = reason as RedisConnectionException ?? new RedisConnectionException("Connection lost: " + reason.Message, reason);
        while (_pending.TryDequeue(out var call))
        {
            call.TrySetException(failure);
        }

        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _stream.Dispose();
        _socket.Dispose();
        _writeSignal.Release();
        _closed.TrySetResult(failure);
    }

    private async Task HandshakeAsync(RedisOptions options)
    {
        var calls = new List<PendingCall>();
        if (options.Protocol == 3)
        {
            calls.Add(options.Password is null
                ? Send("HELLO", ["3"])!
                : Send("HELLO", ["3", "AUTH", options.User ?? "default", options.Password])!);
        }
        else if (options.Password is not null)
        {
            calls.Add(options.User is null ? Send("AUTH", [options.Password])! : Send("AUTH", [options.User, options.Password])!);
        }

        if (options.Database != 0)
        {
            calls.Add(Send("SELECT", [options.Database])!);
        }

        if (options.ClientName is not null)
        {
            calls.Add(Send("CLIENT", ["SETNAME", options.ClientName])!);
        }

        foreach (var call in calls)
        {
            await call.Task;
        }
    }

    private void Start()
    {
        _ = Task.Run(WriteLoopAsync);
        _ = Task.Run(ReadLoopAsync);
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            while (true)
            {
                await _writeSignal.WaitAsync();
                byte[] chunk;
                int length;
                lock (_writeLock)
                {
                    if (_isClosed)
                    {
                        return;
                    }

                    if (_length == 0)
                    {
                        continue;
                    }

                    chunk = _buffer;
                    length = _length;
                    _buffer = _spare.Length > 4 * InitialBufferSize ? new byte[InitialBufferSize] : _spare;
                    _length = 0;
                }

                await _stream.WriteAsync(chunk.AsMemory(0, length));
                await _stream.FlushAsync();
                _spare = chunk;
            }
        }
        catch (Exception e)
        {
            Close(e);
        }
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[InitialBufferSize];
        int start = 0, end = 0;
        try
        {
            while (true)
            {
                var read = await _stream.ReadAsync(buffer.AsMemory(end));
                if (read == 0)
                {
                    throw new RedisConnectionException("The server closed the connection.");
                }

                end += read;
                while (true)
                {
                    var position = start;
                    if (!RespParser.TryParse(buffer.AsSpan(0, end), ref position, out var reply, out var needed))
                    {
                        var required = Math.Max(needed - start, end - start + 1);
                        if (start > 0 || required > buffer.Length)
                        {
                            var target = required > buffer.Length ? new byte[Math.Max(required, buffer.Length * 2)] : buffer;
                            Buffer.BlockCopy(buffer, start, target, 0, end - start);
                            end -= start;
                            start = 0;
                            buffer = target;
                        }

                        break;
                    }

                    start = position;
                    Dispatch(reply);
                    if (start == end)
                    {
                        start = end = 0;
                        if (buffer.Length > 4 * InitialBufferSize)
                        {
                            buffer = new byte[InitialBufferSize];
                        }

                        break;
                    }
                }
            }
        }
        catch (Exception e)
        {
            Close(e);
        }
    }

    private void Dispatch(RedisReply reply)
    {
        if (reply.Kind == RedisReplyKind.Push || (_subscriberMode && IsSubscriberFrame(reply)))
        {
            _pushHandler?.Invoke(reply);
            return;
        }

        if (!_pending.TryDequeue(out var call))
        {
            throw new RedisConnectionException("Protocol error: a reply arrived that nobody asked for.");
        }

        if (reply.IsError)
        {
            RedisMetrics.Errors.Add(1);
            call.TrySetException(new RedisServerException(reply.AsString()!));
        }
        else
        {
            call.TrySetResult(reply);
        }
    }

    private static bool IsSubscriberFrame(RedisReply reply) =>
        reply.Kind == RedisReplyKind.Array && reply.Items.Count >= 3 && reply.Items[0].AsString() is
            "message" or "pmessage" or "subscribe" or "unsubscribe" or "psubscribe" or "punsubscribe";

    private void EnsureCapacity(int extra)
    {
        if (_length + extra <= _buffer.Length)
        {
            return;
        }

        var bigger = new byte[Math.Max(_length + extra, _buffer.Length * 2)];
        Buffer.BlockCopy(_buffer, 0, bigger, 0, _length);
        _buffer = bigger;
    }

    private static int HeaderSize(int value) => 1 + Digits(value) + 2;

    private static int BulkSize(int length) => HeaderSize(length) + length + 2;

    private static int Digits(int value) => value < 10 ? 1 : (int)Math.Floor(Math.Log10(value)) + 1;

    private static int WriteHeader(Span<byte> span, byte type, int value)
    {
        span[0] = type;
        value.TryFormat(span[1..], out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        span[1 + written] = (byte)'\r';
        span[2 + written] = (byte)'\n';
        return written + 3;
    }

    private static int WriteBulk(Span<byte> span, string text)
    {
        var at = WriteHeader(span, (byte)'$', Encoding.UTF8.GetByteCount(text));
        at += Encoding.UTF8.GetBytes(text, span[at..]);
        span[at] = (byte)'\r';
        span[at + 1] = (byte)'\n';
        return at + 2;
    }
}
