using System.Globalization;

namespace MusicGen.Testing.Storage;

/// <summary>
/// s3rver (npm, from <c>tools/node_modules</c> after <c>npm ci --prefix tools</c>) on a free loopback port
/// with its data in a temporary folder and <see cref="Bucket"/> created at start. It can be stopped and
/// started again on the same port (the data stays), to test storage outages.
/// </summary>
public sealed class S3rverServer : IAsyncDisposable
{
    // s3rver's fixed development credentials.
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private readonly string _script;
    private readonly string _node;
    private ServerProcess? _process;

    private S3rverServer(string script, string node, string bucket)
    {
        _script = script;
        _node = node;
        Bucket = bucket;
        Port = FreePort.Next();
        DataDirectory = Directory.CreateTempSubdirectory("musicgen-s3-").FullName;
    }

    public int Port { get; }

    public string Bucket { get; }

    public string DataDirectory { get; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}");

    /// <summary>The <c>ConnectionStrings:storage</c> value for this server.</summary>
    public string ConnectionString =>
        $"Endpoint={Endpoint};Bucket={Bucket};AccessKey={AccessKey};SecretKey={SecretKey};Region=us-east-1;ForcePathStyle=true";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Why s3rver cannot run here, or null when node and the package are present.</summary>
    public static string? MissingReason()
    {
        if (ExternalServices.FindExecutable("node") is null)
        {
            return "node not found on PATH (s3rver needs it)";
        }

        return File.Exists(ScriptPath()) ? null : "s3rver not installed: run npm ci --prefix tools";
    }

    /// <summary>Starts a server, or reports it unavailable (skip, or failure under MUSICGEN_REQUIRE_SERVICES=1).</summary>
    public static async Task<S3rverServer> StartAsync(string bucket = "musicgen-test")
    {
        if (MissingReason() is { } reason)
        {
            ExternalServices.Unavailable(reason);
        }

        var server = new S3rverServer(ScriptPath(), ExternalServices.FindExecutable("node")!, bucket);
        try
        {
            await server.RestartAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Stops the server (SIGTERM, then SIGKILL); its files stay for a restart.</summary>
    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    /// <summary>Starts (or starts again) the server on the same port and data folder.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        _process = ServerProcess.Start(
            _node,
            [_script, "--directory", DataDirectory, "--address", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture), "--silent", "--configure-bucket", Bucket],
            DataDirectory);
        await _process.WaitForPortAsync(Port, TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string ScriptPath() => Path.Combine(ExternalServices.RepositoryRoot(), "tools", "node_modules", "s3rver", "bin", "s3rver.js");
}
