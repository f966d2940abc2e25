using MusicGen.Contracts.Generations;
using MusicGen.Core.Data;
using MusicGen.Core.Generations;
using Microsoft.EntityFrameworkCore;

namespace MusicGen.Worker.Generations;

/// <summary>
/// One running generation's stage and percent. Reports are cheap (they only record the latest value, from
/// any thread); a loop publishes each change on pub/sub within ~100 ms and writes it to Postgres at most
/// once per <see cref="WorkerOptions.ProgressWriteInterval"/>, so a render ticking hundreds of times a
/// second costs the database about one write a second.
/// </summary>
public sealed class GenerationProgressReporter : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private readonly Guid _generationId;
    private readonly IServiceScopeFactory _scopes;
    private readonly GenerationEventPublisher _events;
    private readonly TimeProvider _time;
    private readonly TimeSpan _writeInterval;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Lock _gate = new();
    private readonly Queue<(string Stage, int Percent)> _stages = new();
    private (string Stage, int Percent) _latest;
    private (string Stage, int Percent) _published;
    private (string Stage, int Percent) _written;
    private DateTimeOffset _lastWrite = DateTimeOffset.MinValue;
    private int _disposed;

    public GenerationProgressReporter(Guid generationId, string stage, int percent, IServiceScopeFactory scopes, GenerationEventPublisher events, TimeProvider time, TimeSpan writeInterval)
    {
        _generationId = generationId;
        _scopes = scopes;
        _events = events;
        _time = time;
        _writeInterval = writeInterval;
        _latest = _published = _written = (stage, percent);
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Records the current stage and percent (never going back within a stage).</summary>
    public void Report(string stage, int percent)
    {
        lock (_gate)
        {
            percent = Math.Clamp(percent, 0, 100);
            if (stage == _latest.Stage && percent <= _latest.Percent)
            {
                return;
            }

            if (stage != _latest.Stage)
            {
                // Every stage reaches followers, however briefly it lasted.
                _stages.Enqueue((stage, Math.Max(percent, _latest.Percent)));
            }

            _latest = (stage, Math.Max(percent, _latest.Percent));
        }
    }

    /// <summary>Stops the loop after a last flush of what was reported.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Tick, _time, _stop.Token);
                await FlushAsync(final: false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
        }

        // Always one last flush after the stop: a flush already running when the stop came may have read
        // the state before the last reports.
        await FlushAsync(final: true);
    }

    private async Task FlushAsync(bool final)
    {
        // Drained together with the snapshot of the latest value, under the lock Report takes: every stage
        // entry was then recorded before that snapshot, so what goes out never moves backwards.
        (string Stage, int Percent) latest;
        var stages = new List<(string Stage, int Percent)>();
        lock (_gate)
        {
            latest = _latest;
            while (_stages.TryDequeue(out var stage))
            {
                stages.Add(stage);
            }
        }

        foreach (var stage in stages)
        {
            if (stage != _published && stage != latest)
            {
                _published = stage;
                await _events.PublishAsync(new GenerationEvent(_generationId, nameof(GenerationStatus.Generating), stage.Stage, stage.Percent, null, null), CancellationToken.None);
            }
        }

        if (latest != _published)
        {
            _published = latest;
            await _events.PublishAsync(new GenerationEvent(_generationId, nameof(GenerationStatus.Generating), latest.Stage, latest.Percent, null, null), CancellationToken.None);
        }

        var now = _time.GetUtcNow();
        if (latest != _written && (final || now - _lastWrite >= _writeInterval))
        {
            _written = latest;
            _lastWrite = now;
            try
            {
                await using var scope = _scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<MusicDbContext>();
                await db.Generations
                    .Where(g => g.Id == _generationId && g.Status == GenerationStatus.Generating)
                    .ExecuteUpdateAsync(s => s.SetProperty(g => g.Stage, latest.Stage).SetProperty(g => g.Progress, latest.Percent).SetProperty(g => g.UpdatedAt, now));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Progress is advisory: a missed write is caught up by the next one or by the final status.
            }
        }
    }
}
