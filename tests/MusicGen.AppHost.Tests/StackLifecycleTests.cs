using System.Text.RegularExpressions;
using MusicGen.Testing;

namespace MusicGen.AppHost.Tests;

/// <summary>
/// The whole graph brought up by the AppHost, checked from outside: every service healthy, then Ctrl+C
/// (SIGINT) leaves no process and no port behind.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class StackLifecycleTests
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task EmbeddedModeWithNoServersInstalledComesUpHealthyAndStopsClean()
    {
        // A PATH that holds dotnet and nothing else: no postgres, redis-server, node or s3rver to find.
        var bin = Directory.CreateTempSubdirectory("musicgen-path-").FullName;
        File.CreateSymbolicLink(Path.Combine(bin, "dotnet"), DotnetExecutable());
        var environment = new Dictionary<string, string?>
        {
            ["PATH"] = bin,
            ["AppHost__SearchWellKnownLocations"] = "false",
        };

        await using var run = AppHostRun.Start(environment);
        await RunsHealthyAndStopsCleanAsync(run, crashTheApi: true);
        ModeOf(run, "postgres").ShouldBe("embedded");
        ModeOf(run, "cache").ShouldBe("embedded");
        ModeOf(run, "storage").ShouldBe("embedded");
    }

    [Fact]
    public async Task LocalModeUsesInstalledPostgresRedisAndS3rver()
    {
        var root = ExternalServices.RepositoryRoot();
        string[] postgresDirs = Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).ToArray() : [];
        if (ExternalServices.FindExecutable("initdb", postgresDirs) is null
            || ExternalServices.FindExecutable("redis-server") is null
            || ExternalServices.FindExecutable("node") is null
            || ExternalServices.FindExecutable("s3rver", Path.Combine(root, "tools", "node_modules", ".bin")) is null)
        {
            ExternalServices.Unavailable("local mode needs postgresql, redis-server, node and s3rver (npm ci --prefix tools)");
        }

        await using var run = AppHostRun.Start();
        await RunsHealthyAndStopsCleanAsync(run);
        ModeOf(run, "postgres").ShouldBe("local");
        ModeOf(run, "cache").ShouldBe("local");
        ModeOf(run, "storage").ShouldBe("local");
    }

    private static async Task RunsHealthyAndStopsCleanAsync(AppHostRun run, bool crashTheApi = false)
    {
        var webUrl = await run.WaitForWebUrlAsync(StartupTimeout);
        webUrl.ShouldBe($"http://127.0.0.1:{run.Ports["web"]}");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var service in new[] { "api", "worker", "web" })
        {
            using var response = await http.GetAsync($"http://127.0.0.1:{run.Ports[service]}/health", TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            ((int)response.StatusCode).ShouldBe(200, $"{service} /health: {body}");
            body.ShouldContain("Healthy");
        }

        File.ReadAllText(Path.Combine(run.DataDirectory, "logs", "api.log")).ShouldNotBeNullOrWhiteSpace();

        if (crashTheApi)
        {
            // A crashed service is restarted with backoff and becomes healthy again.
            var api = run.Descendants().Single(pid => CommandLine(pid).Contains("MusicGen.Api.dll", StringComparison.Ordinal));
            Signals.Send(api, Signals.SigKill);
            var restartDeadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            var healthy = false;
            while (!healthy && DateTime.UtcNow < restartDeadline)
            {
                await Task.Delay(500, TestContext.Current.CancellationToken);
                healthy = run.Descendants().Any(pid => pid != api && CommandLine(pid).Contains("MusicGen.Api.dll", StringComparison.Ordinal))
                    && await StatusAsync(http, $"http://127.0.0.1:{run.Ports["api"]}/health") == 200;
            }

            healthy.ShouldBeTrue($"the API was not restarted:\n{run.Tail()}");
            run.Output.ShouldContain("restarting in");
        }

        var children = run.Descendants();
        children.ShouldNotBeEmpty();

        run.Interrupt();
        var exitCode = await run.WaitForExitAsync(TimeSpan.FromSeconds(15));
        exitCode.ShouldBe(0, run.Tail());

        // Everything gone within 15 s of the interrupt: processes and listening ports.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline && (children.Any(AppHostRun.IsAlive) || run.Ports.Values.Any(p => !AppHostRun.IsPortFree(p))))
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        children.Where(AppHostRun.IsAlive).ShouldBeEmpty("processes left behind");
        run.Ports.Where(p => !AppHostRun.IsPortFree(p.Value)).Select(p => p.Key).ShouldBeEmpty("ports left open");
    }

    private static async Task<int?> StatusAsync(HttpClient http, string url)
    {
        try
        {
            using var response = await http.GetAsync(url, TestContext.Current.CancellationToken);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static string ModeOf(AppHostRun run, string resource)
    {
        var match = Regex.Match(run.Output, $@"│\s*{resource}\s*│\s*\S+\s*│\s*(\w+)\s*│");
        match.Success.ShouldBeTrue($"no status row for {resource}:\n{run.Tail()}");
        return match.Groups[1].Value;
    }

    private static string DotnetExecutable()
    {
        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        foreach (var candidate in new[] { Environment.ProcessPath, root is null ? null : Path.Combine(root, "dotnet"), "/usr/share/dotnet/dotnet", "/usr/lib/dotnet/dotnet" })
        {
            if (candidate is not null && Path.GetFileName(candidate) == "dotnet" && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return ExternalServices.FindExecutable("dotnet") ?? throw new InvalidOperationException("dotnet not found");
    }
}
