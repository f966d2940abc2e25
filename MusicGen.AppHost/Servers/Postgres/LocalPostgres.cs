using MusicGen.AppHost.Hosting;

namespace MusicGen.AppHost.Servers.Postgres;

/// <summary>
/// Postgres from the machine's own binaries, data kept under .musicgen/postgres. Postgres refuses to run as
/// root, so as root every command runs through <c>runuser -u postgres</c> and the data folder belongs to postgres.
/// </summary>
public sealed class LocalPostgres(string binDirectory, int port, string password, ServerContext context, IReadOnlyList<string> databases)
    : ServerRuntime, IDatabaseServerRuntime
{
    private const string SuperUser = "postgres";
    private readonly string? _runAs = Signals.IsRoot ? "postgres" : null;
    private string? _dataDirectory;

    public override ServerMode Mode => ServerMode.Local;

    public override string ConnectionString => $"Host=127.0.0.1;Port={port};Username={SuperUser};Password={password}";

    public override string Endpoint => $"tcp://127.0.0.1:{port}";

    public override int? ListenPort => port;

    public override ProcessSpec? Process
    {
        get
        {
            var (file, args) = CommandRunner.AsUser(_runAs, Path.Combine(binDirectory, "postgres"),
            [
                "-D", DataDirectory, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=300",
            ]);
            return new ProcessSpec(file, args, context.Environment.RepositoryRoot) { StopSignal = Signals.SigInt };
        }
    }

    private string DataDirectory => _dataDirectory ?? throw new InvalidOperationException("Postgres is not prepared yet.");

    public string ConnectionStringFor(PostgresDatabaseResource database) => $"{ConnectionString};Database={database.DatabaseName}";

    public override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var root = await DataRootAsync(cancellationToken);
        _dataDirectory = Path.Combine(root, "data");
        if (File.Exists(Path.Combine(_dataDirectory, "PG_VERSION")))
        {
            return;
        }

        Directory.CreateDirectory(_dataDirectory);
        var passwordFile = Path.Combine(root, "initdb-password");
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        try
        {
            if (_runAs is not null)
            {
                await Run("chown", ["-R", $"{_runAs}:{_runAs}", root], cancellationToken);
            }

            var (file, args) = CommandRunner.AsUser(_runAs, Path.Combine(binDirectory, "initdb"),
                ["-D", _dataDirectory, "-U", SuperUser, "--auth=scram-sha-256", $"--pwfile={passwordFile}", "-E", "UTF8", "--no-instructions"]);
            await Run(file, args, cancellationToken);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    public override async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        var (exitCode, _) = await CommandRunner.RunAsync(
            Path.Combine(binDirectory, "pg_isready"), ["-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], cancellationToken);
        return exitCode == 0;
    }

    /// <summary>Creates each database of the graph that does not exist yet, as Aspire's AddDatabase does.</summary>
    public override async Task OnHealthyAsync(CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string> { ["PGPASSWORD"] = password };
        string[] connection = ["-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", SuperUser];
        foreach (var database in databases)
        {
            var (_, exists) = await CommandRunner.RunAsync(Path.Combine(binDirectory, "psql"),
                [.. connection, "-d", "postgres", "-tAc", $"SELECT 1 FROM pg_database WHERE datname = '{database}'"], cancellationToken, environment: environment);
            if (exists.Trim() != "1")
            {
                var (code, output) = await CommandRunner.RunAsync(Path.Combine(binDirectory, "createdb"), [.. connection, database], cancellationToken, environment: environment);
                if (code != 0 && !output.Contains("already exists", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"createdb {database} failed: {output}");
                }
            }
        }
    }

    /// <summary>
    /// .musicgen/postgres, unless we run as root and the postgres user cannot reach the repository (a home folder
    /// with mode 700): then a folder under /var/lib/musicgen named after the repository path.
    /// </summary>
    private async Task<string> DataRootAsync(CancellationToken cancellationToken)
    {
        var preferred = context.DataPath("postgres");
        Directory.CreateDirectory(preferred);
        if (_runAs is null)
        {
            return preferred;
        }

        var (reachable, _) = await CommandRunner.RunAsync("runuser", ["-u", _runAs, "--", "test", "-x", context.Environment.DataDirectory], cancellationToken);
        if (reachable == 0)
        {
            return preferred;
        }

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(context.Environment.DataDirectory)))[..12];
        var fallback = Path.Combine("/var/lib/musicgen", hash, "postgres");
        Directory.CreateDirectory(fallback);
        return fallback;
    }

    private static async Task Run(string file, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var (code, output) = await CommandRunner.RunAsync(file, args, cancellationToken);
        if (code != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', args)} failed ({code}): {output}");
        }
    }
}
