using MusicGen.AppHost.Orchestration;
using MusicGen.AppHost.Publishing;
using Spectre.Console;

namespace MusicGen.AppHost.Hosting;

/// <summary>The built graph: runs it, or writes it as an Aspire manifest with <c>--publisher manifest</c>.</summary>
public sealed class DistributedApplication(DistributedApplicationBuilder builder)
{
    public void Run() => Environment.ExitCode = RunAsync().GetAwaiter().GetResult();

    public async Task<int> RunAsync()
    {
        if (Console.IsOutputRedirected)
        {
            // Piped to a file or a test: plain text, no escape codes, no wrapping of the status table.
            AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
            AnsiConsole.Profile.Width = 160;
        }

        try
        {
            if (builder.Environment.IsPublishMode)
            {
                return ManifestPublisher.Publish(builder);
            }

            return await new Orchestrator(builder).RunAsync();
        }
        catch (AppHostConfigurationException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
    }
}
