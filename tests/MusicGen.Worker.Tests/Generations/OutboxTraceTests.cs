using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using MusicGen.Core.Generations;
using MusicGen.Core.Outbox;
using MusicGen.Core.Providers;
using MusicGen.Testing.Postgres;
using MusicGen.Worker.Tests.Infrastructure;

namespace MusicGen.Worker.Tests.Generations;

public sealed class OutboxTraceTests(PostgresServer postgres) : IAsyncLifetime
{
    private WorkerEnvironment _environment = null!;

    public async ValueTask InitializeAsync() => _environment = await WorkerEnvironment.CreateAsync(postgres);

    public async ValueTask DisposeAsync() => await _environment.DisposeAsync();

    [Fact]
    public async Task JobSentLaterByTheRelay_IsProcessedInTheTraceOfTheSubmit()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("MusicGen.", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var generation = await _environment.SubmitAsync(provider: "scripted", variations: 1, enqueue: false);
        var submitTrace = ActivityTraceId.CreateRandom();
        var submitSpan = ActivitySpanId.CreateRandom();

        // As the API's submit stores it when the enqueue right after commit does not happen (Redis down, process gone).
        await using (_environment.Scope(out var db))
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                Id = Guid.CreateVersion7(),
                Type = OutboxMessageTypes.EnqueueGeneration,
                AggregateId = generation.Id,
                Payload = JsonSerializer.Serialize(new GenerationJob(generation.Id)),
                CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
                TraceParent = $"00-{submitTrace}-{submitSpan}-01",
                TraceState = "musicgen=submit",
            });
            await db.SaveChangesAsync();
        }

        await using var worker = await InProcessWorker.StartAsync(_environment.WorkerSettings(),
            s => s.AddSingleton<IMusicProvider>(new ScriptedProvider("scripted")));
        await _environment.WaitForStatusAsync(generation.Id, TimeSpan.FromMinutes(1), GenerationStatus.Completed);

        var id = generation.Id.ToString();
        Activity? process = null;
        await Eventually.TrueAsync(
            () => Task.FromResult((process = stopped.FirstOrDefault(a => a.OperationName == "generation process" && (string?)a.GetTagItem("messaging.message.id") == id)) is not null),
            TimeSpan.FromSeconds(10), "the job's processing activity");
        var send = stopped.Single(a => a.OperationName == "outbox send" && (string?)a.GetTagItem("messaging.message.id") == id);

        send.TraceId.ShouldBe(submitTrace, "the relay's send continues the submit's trace");
        send.ParentSpanId.ShouldBe(submitSpan);
        send.TraceStateString.ShouldBe("musicgen=submit");
        process!.TraceId.ShouldBe(submitTrace, "the Worker's processing is part of the submit's trace");
        process.ParentSpanId.ShouldBe(send.SpanId);
        stopped.Where(a => a.Source.Name == "MusicGen.Worker" && a.TraceId == submitTrace).ShouldNotBeEmpty("the Worker's own spans are in it too");
    }
}
