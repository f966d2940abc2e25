using System.Diagnostics;
using MusicGen.Core.Data;
using MusicGen.Core.Generations;
using Microsoft.EntityFrameworkCore;

namespace MusicGen.Core.Outbox;

/// <summary>Sends outbox messages and marks them sent; a failure leaves the row for the relay to retry.</summary>
public sealed class OutboxSender(MusicDbContext db, IGenerationQueue queue, TimeProvider time)
{
    public const string ActivitySourceName = "MusicGen.Outbox";

    private static readonly ActivitySource Tracing = new(ActivitySourceName);

    /// <summary>The current activity's W3C context, to store on a message so its later send continues this trace.</summary>
    public static (string? TraceParent, string? TraceState) CurrentTraceContext() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity
            && activity.Id is { Length: <= OutboxMessage.TraceParentMaxLength } id
            ? (id, activity.TraceStateString is { Length: > 0 and <= OutboxMessage.TraceStateMaxLength } state ? state : null)
            : (null, null);

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

    private async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        // Under the stored context, not the current one: the relay's pass belongs to no request.
        var parent = message.TraceParent is { } traceParent && ActivityContext.TryParse(traceParent, message.TraceState, out var context) ? context : default;
        using var activity = parent == default ? null : Tracing.StartActivity("outbox send", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.message.id", message.AggregateId.ToString());
        var jobParent = activity?.Id ?? message.TraceParent;
        switch (message.Type)
        {
            case OutboxMessageTypes.EnqueueGeneration:
                await queue.EnqueueAsync(message.AggregateId, jobParent, cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"Unknown outbox message type '{message.Type}'.");
        }
    }
}
