using MusicGen.Core.Data;
using MusicGen.Core.Generations;
using Microsoft.EntityFrameworkCore;

namespace MusicGen.Core.Outbox;

/// <summary>Sends outbox messages and marks them sent; a failure leaves the row for the relay to retry.</summary>
public sealed class OutboxSender(MusicDbContext db, IGenerationQueue queue, TimeProvider time)
{
    /// <summary>Sends one message; returns false (and records the error) when the queue is unreachable.</summary>
    public async Task<bool> TrySendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await SendAsync(message, timeout.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var error = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
            await db.OutboxMessages.Where(m => m.Id == message.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, m => m.Attempts + 1).SetProperty(m => m.LastError, error), cancellationToken);
            return false;
        }

        var now = time.GetUtcNow();
        await db.OutboxMessages.Where(m => m.Id == message.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, now).SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
        return true;
    }

    private Task SendAsync(OutboxMessage message, CancellationToken cancellationToken) => message.Type switch
    {
        OutboxMessageTypes.EnqueueGeneration => queue.EnqueueAsync(message.AggregateId, cancellationToken),
        _ => throw new InvalidOperationException($"Unknown outbox message type '{message.Type}'."),
    };
}
