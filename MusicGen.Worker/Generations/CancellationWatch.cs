using MusicGen.Core.Data;
using MusicGen.Core.Generations;
using Microsoft.EntityFrameworkCore;

namespace MusicGen.Worker.Generations;

/// <summary>
/// Watches a running generation's row and fires <see cref="Token"/> when the API canceled it (or it was
/// deleted), so the render stops within about one <see cref="WorkerOptions.CancelPollInterval"/>.
/// </summary>
public sealed class CancellationWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _canceled = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public CancellationWatch(Guid generationId, IServiceScopeFactory scopes, TimeSpan interval, TimeProvider time)
    {
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(interval, time, _stop.Token);
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<MusicDbContext>();
                    var status = await db.Generations.Where(g => g.Id == generationId).Select(g => (GenerationStatus?)g.Status).SingleOrDefaultAsync(_stop.Token);
                    if (status is null or GenerationStatus.Canceled)
                    {
                        await _canceled.CancelAsync();
                        return;
                    }
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // The database hiccuped: look again next time.
                }
            }
        });
    }

    public CancellationToken Token => _canceled.Token;

    public bool Canceled => _canceled.IsCancellationRequested;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        _canceled.Dispose();
    }
}
