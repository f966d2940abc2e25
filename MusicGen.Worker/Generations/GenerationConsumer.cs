using MusicGen.Redis;
using MusicGen.Redis.Queue;
using Microsoft.Extensions.Options;

namespace MusicGen.Worker.Generations;

/// <summary>
/// Consumes the <c>generation</c> queue with <see cref="WorkerOptions.Concurrency"/> jobs at once. It starts
/// in the background (Redis may come up after the Worker). On shutdown it takes nothing new and lets running
/// jobs finish within the host's shutdown timeout; jobs still running then are canceled and handed back
/// (their generations return to Queued and the job runs again later).
/// </summary>
public sealed partial class GenerationConsumer(JobQueue queue, GenerationProcessor processor, IOptions<WorkerOptions> options, ILogger<GenerationConsumer> logger) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _starting = Task.CompletedTask;
    private JobWorker? _worker;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _starting = Task.Run(StartWorkerAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _starting;
        if (_worker is not null)
        {
            await _worker.StopAsync(cancellationToken);
            LogStopped(logger);
        }
    }

    private async Task StartWorkerAsync()
    {
        var settings = options.Value;
        var delay = TimeSpan.FromMilliseconds(200);
        while (!_stopping.IsCancellationRequested)
        {
            var worker = new JobWorker(queue, processor.HandleAsync, new JobWorkerOptions
            {
                Concurrency = settings.Concurrency,
                LockDuration = settings.LockDuration,
                StalledInterval = settings.StalledInterval,
                MaxStalledCount = settings.MaxStalledCount,
            });
            worker.Error += e => LogQueueError(logger, e.Message);
            try
            {
                await worker.StartAsync(_stopping.Token);
                _worker = worker;
                LogStarted(logger, settings.Concurrency);
                return;
            }
            catch (Exception e) when (e is RedisException or OperationCanceledException)
            {
                LogStartFailed(logger, e.Message);
                try
                {
                    await Task.Delay(delay, _stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming the generation queue, {Concurrency} job(s) at once")]
    private static partial void LogStarted(ILogger logger, int concurrency);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped consuming the generation queue")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot consume the generation queue yet: {Reason}")]
    private static partial void LogStartFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Generation queue: {Reason}")]
    private static partial void LogQueueError(ILogger logger, string reason);
}
