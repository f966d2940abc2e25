using System.Diagnostics;
using MusicGen.Core.Data;
using MusicGen.Testing;
using MusicGen.Testing.Postgres;
using Microsoft.EntityFrameworkCore;

namespace MusicGen.Core.Tests.Data;

/// <summary>The migration step as the AppHost runs it: a process that migrates and exits.</summary>
public sealed class MigrationServiceTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task RunOnEmptyDatabaseMigratesAndExitsZero(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, postgres);

        var (exitCode, output) = await RunAsync(database.Database.ConnectionString);

        exitCode.ShouldBe(0, output);
        await using var scope = database.Scope(out var db);
        (await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Fact]
    public async Task RunWithMalformedConnectionStringExitsTwoWithOneReadableLine()
    {
        var (exitCode, output) = await RunAsync("localhost:5432");

        exitCode.ShouldBe(2);
        output.Trim().ShouldStartWith("ConnectionStrings:musicdb is malformed");
        output.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task RunWithUnreachableDatabaseExitsOne()
    {
        var (exitCode, output) = await RunAsync($"Host=127.0.0.1;Port={FreePort.Next()};Username=x;Database=x;Timeout=3");

        exitCode.ShouldBe(1, output);
        output.ShouldContain("Migrating the database failed");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string connectionString)
    {
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar))!);
        var dll = Path.Combine(ExternalServices.RepositoryRoot(), "MusicGen.MigrationService", "bin", configuration, "net10.0", "MusicGen.MigrationService.dll");
        File.Exists(dll).ShouldBeTrue($"{dll} was not built");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        info.Environment["ConnectionStrings__musicdb"] = connectionString;
        info.Environment["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Warning";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stderr + await stdout);
    }
}
