using MusicGen.Core.Data;

namespace MusicGen.MigrationService;

/// <summary>Migrates, then stops the host: exit code 0 on success, 1 (with the reason logged) on failure.</summary>
internal sealed class MigrationWorker(IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<MigrationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<MusicDbMigrator>().MigrateAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Environment.ExitCode = 1;
            logger.Canceled();
        }
        catch (Exception e)
        {
            Environment.ExitCode = 1;
            logger.Failed(e.Message, e);
        }
        finally
        {
            lifetime.StopApplication();
        }
    }
}
