using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MusicGen.Redis;

namespace MusicGen.Core.Leases;

/// <summary>
/// A periodic duty that one replica at a time performs: every <see cref="Interval"/> the service takes
/// (or renews) its <see cref="RedisLease"/> and, holding it, runs one pass, renewing the lease while the
/// pass lasts. When Redis is unreachable nobody holds the lease and the duty waits.
/// </summary>
public abstract partial class LeasedBackgroundService(RedisClient redis, TimeProvider time, ILogger logger) : BackgroundService
{
    protected abstract string LeaseName { get; }

    protected abstract TimeSpan Interval { get; }

    protected TimeProvider Time { get; } = time;

    protected ILogger Logger { get; } = logger;

    /// <summary>One pass of the duty; called only while this replica holds the lease.</summary>
    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lease = new RedisLease(redis, LeaseName, Interval * 3 > TimeSpan.FromSeconds(10) ? Interval * 3 : TimeSpan.FromSeconds(10));
        using var timer = new PeriodicTimer(Interval, Time);
        try
        {
            do
            {
                await PassAsync(lease, stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await lease.ReleaseAsync(timeout.Token);
        }
        catch (Exception e) when (e is RedisException or OperationCanceledException)
        {
            // It expires on its own.
        }
    }

    private async Task PassAsync(RedisLease lease, CancellationToken stoppingToken)
    {
        try
        {
            if (!await lease.TryAcquireAsync(stoppingToken))
            {
                return;
            }

            using var pass = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var renewal = RenewWhileRunningAsync(lease, pass);
            try
            {
                await RunOnceAsync(pass.Token);
            }
            finally
            {
                await pass.CancelAsync();
                await renewal;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            LogPassFailed(Logger, LeaseName, e.Message);
        }
    }

    /// <summary>Keeps the lease through a long pass; losing it cancels the pass, since another replica may start one.</summary>
    private async Task RenewWhileRunningAsync(RedisLease lease, CancellationTokenSource pass)
    {
        try
        {
            while (true)
            {
                await Task.Delay(lease.Duration / 3, Time, pass.Token);
                if (!await lease.TryAcquireAsync(pass.Token))
                {
                    await pass.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (RedisException)
        {
            // Redis trouble: the pass goes on; the lease may lapse and another replica repeat work, which every duty tolerates.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Duty} pass failed: {Reason}")]
    private static partial void LogPassFailed(ILogger logger, string duty, string reason);
}
