using System.Net;
using System.Text.Json;
using MusicGen.Api.Tests.Infrastructure;
using MusicGen.Contracts.Generations;
using MusicGen.Core.Data;
using MusicGen.Core.Generations;
using MusicGen.Redis;
using MusicGen.Testing.Postgres;
using MusicGen.Testing.Redis;
using Microsoft.Extensions.DependencyInjection;
using static MusicGen.Api.Tests.Generations.GenerationsTestSupport;

namespace MusicGen.Api.Tests.Generations;

public sealed class GenerationEventsTests(PostgresServer postgres, RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RelaysTheWorkersEventsAfterTheCurrentStateAndEndsAtTheTerminalOne()
    {
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Postgres, postgres, redis, new() { ["GenerationEvents:HeartbeatSeconds"] = "1" });
        using var owner = await factory.CreateUserClientAsync();
        var generation = await owner.SubmitAsync();
        var publisher = factory.Services.GetRequiredService<RedisClient>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));

        using var response = await owner.GetAsync($"/api/v1/generations/{generation.Id}/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var first = await NextEventAsync(reader, timeout.Token);
        await PublishAsync(publisher, new GenerationEvent(generation.Id, "Generating", "rendering", 40, null, null));
        var progress = await NextEventAsync(reader, timeout.Token);
        var heartbeat = await NextNonEmptyLineAsync(reader, timeout.Token);
        await PublishAsync(publisher, new GenerationEvent(generation.Id, "Completed", "finalizing", 100, null, null));
        var last = await NextEventAsync(reader, timeout.Token);
        var end = await reader.ReadToEndAsync(timeout.Token);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        first.ShouldBe(new GenerationEvent(generation.Id, "Queued", null, 0, null, null));
        progress.ShouldBe(new GenerationEvent(generation.Id, "Generating", "rendering", 40, null, null));
        heartbeat.ShouldBe(": heartbeat");
        last.Status.ShouldBe("Completed");
        end.Trim().ShouldBeEmpty();
    }

    [Fact]
    public async Task PollsTheDatabaseWhenRedisIsUnreachable()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, postgres, new Dictionary<string, string?> { ["GenerationEvents:PollSeconds"] = "1" });
        using var owner = await factory.CreateUserClientAsync();
        var generation = await owner.SubmitAsync();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));

        using var response = await owner.GetAsync($"/api/v1/generations/{generation.Id}/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var first = await NextEventAsync(reader, timeout.Token);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MusicDbContext>();
            var row = await db.Generations.FindAsync([generation.Id], timeout.Token);
            row!.Status = GenerationStatus.Failed;
            row.ErrorCode = "engine_error";
            await db.SaveChangesAsync(timeout.Token);
        }

        var last = await NextEventAsync(reader, timeout.Token);

        first.Status.ShouldBe("Queued");
        last.ShouldSatisfyAllConditions(e => e.Status.ShouldBe("Failed"), e => e.ErrorCode.ShouldBe("engine_error"));
        (await reader.ReadToEndAsync(timeout.Token)).Trim().ShouldBeEmpty();
    }

    private static async Task PublishAsync(RedisClient redis, GenerationEvent generationEvent) =>
        await redis.ExecuteAsync("PUBLISH", MusicGen.Core.Generations.GenerationEvents.Channel(generationEvent.Id), JsonSerializer.Serialize(generationEvent, JsonSerializerOptions.Web));

    private static async Task<string?> NextNonEmptyLineAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        string? line;
        do
        {
            line = await reader.ReadLineAsync(cancellationToken);
        }
        while (line == "");
        return line;
    }

    /// <summary>The next <c>status</c> event, skipping heartbeats.</summary>
    private static async Task<GenerationEvent> NextEventAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return JsonSerializer.Deserialize<GenerationEvent>(line["data: ".Length..], JsonSerializerOptions.Web)!;
            }
        }

        throw new EndOfStreamException("The event stream ended before the next event.");
    }
}
