using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;
using MusicGen.AppHost.Hosting;
using MusicGen.AppHost.Servers;
using MusicGen.AppHost.Servers.Postgres;
using Spectre.Console;

namespace MusicGen.AppHost.Orchestration;

/// <summary>
/// Runs the graph: resolves each server's mode, checks ports, starts every resource after what it waits for,
/// prints the status table and the Web URL, and on Ctrl+C / SIGTERM stops everything in reverse order.
/// </summary>
public sealed class Orchestrator(DistributedApplicationBuilder builder)
{
    public async Task<int> RunAsync()
    {
        var clock = Stopwatch.StartNew();
        var configuration = builder.Configuration;
        var environment = builder.Environment;
        Directory.CreateDirectory(environment.DataDirectory);
        var context = new ServerContext(
            configuration,
            environment,
            new Executables(configuration.GetValue("AppHost:SearchWellKnownLocations", true), environment.RepositoryRoot),
            new ParameterStore(configuration, environment.DataDirectory));

        var resources = builder.Resources;
        foreach (var parameter in resources.OfType<ParameterResource>())
        {
            parameter.Resolve(context.Parameters.Get(parameter.Name, parameter.GeneratedLength));
        }

        foreach (var server in resources.OfType<ServerResource>())
        {
            server.Resolve(context);
        }

        CheckPortsAreFree(resources);

        using var stopping = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => { signal.Cancel = true; stopping.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => { signal.Cancel = true; stopping.Cancel(); });

        var startupTimeout = TimeSpan.FromSeconds(configuration.GetValue("AppHost:StartupTimeoutSeconds", 180));
        var environmentName = configuration["AppHost:Environment"] ?? "Development";
        var logs = new List<ResourceLog>();
        var runners = new List<ResourceRunner>();
        foreach (var resource in resources)
        {
            ResourceRunner? runner = resource switch
            {
                ServerResource server => new ServerRunner(server, NewLog(server.Name), startupTimeout),
                ProjectResource project => new ProjectRunner(project, environmentName, NewLog(project.Name), startupTimeout),
                _ => null,
            };
            if (runner is not null)
            {
                runners.Add(runner);
            }
        }

        ResourceRunner RunnerOf(IResourceWithReadiness resource) => resource is PostgresDatabaseResource database
            ? runners.Single(r => r.Resource == database.Server)
            : runners.Single(r => r.Resource == resource);

        var running = runners.Select(r => Task.Run(() => r.RunAsync(RunnerOf, stopping.Token))).ToList();
        var ready = Task.WhenAll(runners.Select(r => r.Ready));
        var failed = Task.WhenAny(runners.Select(r => r.Failed));
        var exitCode = 0;

        var first = await Task.WhenAny(ready, failed, Task.Delay(Timeout.Infinite, stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default));
        if (first == ready)
        {
            StatusTable.Print(resources);
            var web = resources.OfType<ProjectResource>().FirstOrDefault(p => p.IsExternal && p.HttpEndpoint is not null);
            AnsiConsole.MarkupLine($"[green]All resources healthy in {clock.Elapsed.TotalSeconds:0.0} s.[/] Press Ctrl+C to stop.");
            if (web is not null)
            {
                AnsiConsole.MarkupLine($"[bold]Web: {web.HttpEndpoint!.Url}[/]");
            }

            await Task.WhenAny(failed, Task.Delay(Timeout.Infinite, stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default));
        }

        if (failed.IsCompleted)
        {
            Console.Error.WriteLine($"error: {await await failed}");
            exitCode = 1;
        }

        await stopping.CancelAsync();
        AnsiConsole.MarkupLine("[grey]Stopping…[/]");

        // A resource stops once everything that uses it has stopped (the Worker finishes its jobs while
        // Postgres, Redis and storage are still up); resources that do not depend on each other stop at once,
        // so Ctrl+C takes as long as the slowest chain, not the sum of all.
        var stops = new Dictionary<ResourceRunner, Task>();
        await Task.WhenAll(runners.Select(StopAfterDependents));
        await Task.WhenAll(running);
        logs.ForEach(l => l.Dispose());
        AnsiConsole.MarkupLine("[grey]Stopped.[/]");
        return exitCode;

        Task StopAfterDependents(ResourceRunner runner)
        {
            if (!stops.TryGetValue(runner, out var stop))
            {
                var dependents = runners.Where(r => r.Dependencies.Any(d => RunnerOf(d.Resource) == runner)).Select(StopAfterDependents).ToList();
                stop = StopAsync(runner, dependents);
                stops[runner] = stop;
            }

            return stop;
        }

        static async Task StopAsync(ResourceRunner runner, List<Task> dependents)
        {
            await Task.WhenAll(dependents);
            await runner.StopAsync();
        }

        ResourceLog NewLog(string name)
        {
            var log = new ResourceLog(name, environment.LogsDirectory);
            logs.Add(log);
            return log;
        }
    }

    private static void CheckPortsAreFree(IReadOnlyList<IResource> resources)
    {
        var ports = resources.OfType<ServerResource>().Where(s => s.Runtime.ListenPort is not null).Select(s => (s.Name, Port: s.Runtime.ListenPort!.Value))
            .Concat(resources.OfType<ProjectResource>().Where(p => p.HttpEndpoint is not null).Select(p => (p.Name, p.HttpEndpoint!.Port)));
        foreach (var (name, port) in ports)
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
            }
            catch (SocketException)
            {
                throw new AppHostConfigurationException(
                    $"port {port} for '{name}' is already in use: stop what uses it, or pick another port with --AppHost:Ports:{name}=<port>.");
            }
        }
    }
}
