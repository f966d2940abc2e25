using System.Diagnostics;
using Npgsql;
using Xunit;

namespace MusicGen.Testing.Postgres;

/// <summary>
/// A real Postgres for a test assembly: the server named by <c>MUSICGEN_TEST_POSTGRES</c> (a
/// connection string whose user may create databases) or, failing that, a throwaway cluster started
/// from the local binaries (initdb + postgres on a free loopback port, data in a temp folder).
/// Each test asks for its own database with <see cref="CreateDatabaseAsync"/>.
/// Register with <c>[assembly: AssemblyFixture(typeof(PostgresServer))]</c>.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string EnvironmentVariable = "MUSICGEN_TEST_POSTGRES";

    private static readonly string[] BinaryDirectories = ["/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin"];

    private ServerProcess? _process;
    private string? _dataDirectory;
    private string? _adminConnectionString;
    private string? _unavailableReason;

    public async ValueTask InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            _adminConnectionString = external;
            return;
        }

        var initdb = ExternalServices.FindExecutable("initdb", BinaryDirectories);
        var postgres = initdb is null ? null : Path.Combine(Path.GetDirectoryName(initdb)!, "postgres");
        if (initdb is null || !File.Exists(postgres))
        {
            _unavailableReason = $"Postgres binaries (initdb, postgres) not found on PATH or under /usr/lib/postgresql, and {EnvironmentVariable} is not set";
            return;
        }

        _dataDirectory = Directory.CreateTempSubdirectory("musicgen-pg-").FullName;
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            // Postgres refuses to run as root: hand the folder to the postgres user and run through runuser.
            await RunAsync("chown", ["-R", "postgres:postgres", _dataDirectory]);
        }

        await RunAsync(initdb, ["-D", _dataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"], asRoot);

        var port = FreePort.Next();
        string[] serverArguments =
        [
            "-D", _dataDirectory, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
            "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
            "-c", "max_connections=300",
        ];
        _process = asRoot
            ? ServerProcess.Start("runuser", ["-u", "postgres", "--", postgres!, .. serverArguments])
            : ServerProcess.Start(postgres!, serverArguments);
        _adminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
        await _process.WaitForPortAsync(port, TimeSpan.FromSeconds(60), CanQueryAsync);
    }

    /// <summary>Creates an empty database and returns its connection string; skips or fails the test when Postgres is unavailable.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        if (_adminConnectionString is null)
        {
            ExternalServices.Unavailable(_unavailableReason ?? "Postgres is unavailable");
        }

        var name = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(_adminConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            // SIGINT is Postgres's fast shutdown; SIGTERM would wait for every client to disconnect.
            var pidFile = Path.Combine(_dataDirectory!, "postmaster.pid");
            if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid))
            {
                Signals.Interrupt(pid);
            }

            await _process.DisposeAsync();
        }

        if (_dataDirectory is not null)
        {
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private async Task<bool> CanQueryAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(_adminConnectionString);
            await connection.OpenAsync();
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    private static async Task RunAsync(string fileName, string[] arguments, bool asPostgresUser = false)
    {
        var info = new ProcessStartInfo(asPostgresUser ? "runuser" : fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in asPostgresUser ? ["-u", "postgres", "--", fileName, .. arguments] : arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}{await error}");
        }
    }
}
