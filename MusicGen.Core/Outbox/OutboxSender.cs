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

        await MarkSentAsync(message.Id, time.GetUtcNow(), cancellationToken);
        return true;
    }

    private async Task MarkSentAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            // Every submit ends here, so skip building and translating the LINQ update on the hot path.
            await db.Database.ExecuteSqlAsync($"UPDATE outbox_messages SET sent_at = {now}, attempts = attempts + 1 WHERE id = {id}", cancellationToken);
            return;
        }

        // SQLite stores times as ticks through a converter, which only the LINQ update applies.
        await db.OutboxMessages.Where(m => m.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, now).SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
    }

    private Task SendAsync(OutboxMessage message, CancellationToken cancellationToken) => message.Type switch
    {
        OutboxMessageTypes.EnqueueGeneration => queue.EnqueueAsync(message.AggregateId, cancellationToken),
        _ => throw new InvalidOperationException($"Unknown outbox message type '{message.Type}'."),
    };
}
