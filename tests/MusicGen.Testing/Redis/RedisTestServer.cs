using System.Net.Sockets;
using System.Text;

namespace MusicGen.Testing.Redis;

/// <summary>
/// A redis-server (from PATH) or Garnet (the repository's dotnet tool, run with <c>--lua</c>) on a
/// free loopback port, with its data in a temporary folder. It can be killed and started again
/// on the same port, to test recovery.
/// </summary>
public sealed class RedisTestServer : IAsyncDisposable
{
    private static readonly SemaphoreSlim ToolRestore = new(1, 1);
    private static bool _toolRestored;

    private readonly string _dataDirectory;
    private ServerProcess? _process;

    private readonly string? _password;

    private RedisTestServer(RedisServerKind kind, int port, string? password)
    {
        Kind = kind;
        Port = port;
        _password = password;
        _dataDirectory = Directory.CreateTempSubdirectory("musicgen-redis-").FullName;
    }

    public RedisServerKind Kind { get; }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=3000,syncTimeout=10000";

    public int? ProcessId => _process?.ProcessId;

    /// <summary>Why the server cannot run here, or null when its binary is present.</summary>
    public static string? MissingReason(RedisServerKind kind) => kind switch
    {
        RedisServerKind.Redis => ExternalServices.FindExecutable("redis-server") is null ? "redis-server not found on PATH" : null,
        _ => ExternalServices.FindExecutable("dotnet") is null || !File.Exists(Path.Combine(ExternalServices.RepositoryRoot(), "dotnet-tools.json"))
            ? "dotnet or dotnet-tools.json (garnet-server) not found"
            : null,
    };

    /// <summary>Starts a server, or reports it unavailable (skip, or failure under MUSICGEN_REQUIRE_SERVICES=1).</summary>
    public static async Task<RedisTestServer> StartAsync(RedisServerKind kind, string? password = null)
    {
        if (MissingReason(kind) is { } reason)
        {
            ExternalServices.Unavailable(reason);
        }

        var server = new RedisTestServer(kind, FreePort.Next(), password);
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>Kills the server at once (SIGKILL), as a crash would.</summary>
    public void Kill() => _process?.Kill();

    /// <summary>Starts the server again on the same port.</summary>
    public Task RestartAsync() => StartProcessAsync();

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task StartProcessAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        if (Kind == RedisServerKind.Garnet)
        {
            await RestoreToolAsync();
            string[] auth = _password is null ? [] : ["--auth", "Password", "--password", _password];
            _process = ServerProcess.Start(
                "dotnet",
                ["tool", "run", "garnet-server", "--port", Port.ToString(), "--bind", "127.0.0.1", "--lua", .. auth],
                ExternalServices.RepositoryRoot());
        }
        else
        {
            string[] auth = _password is null ? [] : ["--requirepass", _password];
            _process = ServerProcess.Start(
                ExternalServices.FindExecutable("redis-server")!,
                ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _dataDirectory, .. auth],
                _dataDirectory);
        }

        await _process.WaitForPortAsync(Port, TimeSpan.FromSeconds(60), PingAsync);
    }

    private async Task<bool> PingAsync()
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Port);
        var stream = client.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray());
        var buffer = new byte[64];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var read = await stream.ReadAsync(buffer, timeout.Token);
        var answer = Encoding.ASCII.GetString(buffer, 0, read);

        // A password-protected server answers NOAUTH: it is up all the same.
        return answer.StartsWith("+PONG", StringComparison.Ordinal) || answer.StartsWith("-NOAUTH", StringComparison.Ordinal);
    }

    private static async Task RestoreToolAsync()
    {
        await ToolRestore.WaitAsync();
        try
        {
            if (_toolRestored)
            {
                return;
            }

            var restore = ServerProcess.Start("dotnet", ["tool", "restore"], ExternalServices.RepositoryRoot());
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            while (!restore.HasExited)
            {
                await Task.Delay(100, timeout.Token);
            }

            _toolRestored = true;
        }
        finally
        {
            ToolRestore.Release();
        }
    }
}
