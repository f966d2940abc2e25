using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MusicGen.Api.Tests.Infrastructure;
using MusicGen.Contracts.Generations;
using MusicGen.Core.Data;
using MusicGen.Core.Generations;
using MusicGen.Core.Usage;
using MusicGen.Redis.Queue;
using MusicGen.Testing.Postgres;
using MusicGen.Testing.Redis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MusicGen.Api.Tests.Generations.GenerationsTestSupport;

namespace MusicGen.Api.Tests.Generations;

public sealed class GenerationsApiTests(PostgresServer postgres, RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task CreateStoresQueuedGenerationAndEnqueuesItsJob(DatabaseProvider provider)
    {
        await using var factory = await CreateFactoryAsync(provider, postgres, redis);
        using var client = await factory.CreateUserClientAsync();

        var response = await client.PostRawAsync(Request("First song"));
        var created = (await response.Content.ReadFromJsonAsync<GenerationResponse>(Ct))!;
        var fetched = await client.GetFromJsonAsync<GenerationResponse>(response.Headers.Location!.ToString(), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/generations/{created.Id}");
        fetched!.ShouldSatisfyAllConditions(
            g => g.Id.ShouldBe(created.Id),
            g => g.Name.ShouldBe("First song"),
            g => g.Status.ShouldBe("Queued"),
            g => g.LengthMs.ShouldBe(10_000),
            g => g.Variations.ShouldBe(2),
            g => g.OutputFormat.ShouldBe("mp3_44100_128"),
            g => g.Provider.ShouldBe("local"),
            g => g.Tracks.ShouldBeEmpty());
        var job = await factory.Services.GetRequiredService<JobQueue>().GetJobAsync(created.Id.ToString(), Ct);
        job.ShouldNotBeNull().DataAsString.ShouldContain(created.Id.ToString());
        await using var scope = factory.Services.CreateAsyncScope();
        var outbox = await scope.ServiceProvider.GetRequiredService<MusicDbContext>().OutboxMessages.SingleAsync(m => m.AggregateId == created.Id, Ct);
        outbox.SentAt.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("""{"lengthMs":10000}""", "prompt")]
    [InlineData("""{"prompt":"x","compositionPlan":{"sections":[{"name":"a"}]}}""", "prompt")]
    [InlineData("""{"compositionPlan":{"sections":[]}}""", "compositionPlan")]
    [InlineData("""{"prompt":"piano","lengthMs":2999}""", "lengthMs")]
    [InlineData("""{"prompt":"piano","lengthMs":600001}""", "lengthMs")]
    [InlineData("""{"prompt":"piano","outputFormat":"flac_96000"}""", "outputFormat")]
    [InlineData("""{"prompt":"piano","variations":0}""", "variations")]
    [InlineData("""{"prompt":"piano","variations":5}""", "variations")]
    [InlineData("""{"prompt":"piano","provider":"openai"}""", "provider")]
    [InlineData("""{"prompt":"piano","instrumental":true,"lyrics":"la la"}""", "lyrics")]
    [InlineData("""{"prompt":"piano","webhookUrl":"ftp://example.com/hook"}""", "webhookUrl")]
    [InlineData("""{"prompt":"piano","webhookUrl":"not a url"}""", "webhookUrl")]
    public async Task CreateInvalidRequestReturnsValidationProblemNamingField(string body, string field)
    {
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Sqlite, postgres, redis);
        using var client = await factory.CreateUserClientAsync();

        var response = await client.PostAsync("/api/v1/generations", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
        problem.GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task CreateWithWrongJsonTypeReturnsBadRequestProblem()
    {
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Sqlite, postgres, redis);
        using var client = await factory.CreateUserClientAsync();

        var response = await client.PostAsync("/api/v1/generations", new StringContent("""{"prompt":"piano","lengthMs":"long"}""", Encoding.UTF8, "application/json"), Ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task CreateWithSameIdempotencyKeyReturnsSameGenerationAndDifferentBodyIsRejected(DatabaseProvider provider)
    {
        await using var factory = await CreateFactoryAsync(provider, postgres, redis);
        using var client = await factory.CreateUserClientAsync();
        using var other = await factory.CreateUserClientAsync();

        var first = await client.SubmitAsync(Request(), "key-1");
        var again = await client.SubmitAsync(Request(), "key-1");
        var otherUsersKey = await other.SubmitAsync(Request(), "key-1");
        var changed = await client.PostRawAsync(Request("Another name"), "key-1");

        again.Id.ShouldBe(first.Id);
        otherUsersKey.Id.ShouldNotBe(first.Id);
        await changed.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "Idempotency-Key");
        var page = await client.GetFromJsonAsync<GenerationPage>("/api/v1/generations", Ct);
        page!.Total.ShouldBe(1);
    }

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task CreateBeyondMonthlyQuotaReturns429NamingLength(DatabaseProvider provider)
    {
        await using var factory = await CreateFactoryAsync(provider, postgres, redis, new() { ["Quotas:MonthlySeconds"] = "30" });
        using var client = await factory.CreateUserClientAsync();
        await client.SubmitAsync(Request() with { LengthMs = 10_000, Variations = 2 });

        var response = await client.PostRawAsync(Request() with { LengthMs = 10_000, Variations = 2 });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "lengthMs");
        problem.GetProperty("title").GetString().ShouldBe("Monthly audio quota exceeded.");
        int.Parse(response.Headers.GetValues("Retry-After").Single()).ShouldBeGreaterThan(0);
        var me = await client.GetFromJsonAsync<MusicGen.Contracts.Accounts.MeResponse>("/api/v1/me", Ct);
        me!.UsedSecondsThisMonth.ShouldBe(20);
    }

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task DeletedGenerationsStillCountTowardTheQuota(DatabaseProvider provider)
    {
        await using var factory = await CreateFactoryAsync(provider, postgres, redis, new() { ["Quotas:MonthlySeconds"] = "30" });
        using var client = await factory.CreateUserClientAsync();
        var canceled = await client.SubmitAsync(Request() with { LengthMs = 10_000, Variations = 1 });
        (await client.PostAsync($"/api/v1/generations/{canceled.Id}/cancel", null, Ct)).EnsureSuccessStatusCode();
        var kept = await client.SubmitAsync(Request() with { LengthMs = 10_000, Variations = 1 });
        var deleted = await client.SubmitAsync(Request() with { LengthMs = 10_000, Variations = 1 });

        (await client.DeleteAsync($"/api/v1/generations/{deleted.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.DeleteAsync($"/api/v1/generations/{canceled.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var me = await client.GetFromJsonAsync<MusicGen.Contracts.Accounts.MeResponse>("/api/v1/me", Ct);
        me!.UsedSecondsThisMonth.ShouldBe(20, "the deleted generation's audio stays billed; the canceled one never counted");
        await (await client.PostRawAsync(Request() with { LengthMs = 11_000, Variations = 1 })).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "lengthMs");
        (await client.PostRawAsync(Request() with { LengthMs = 10_000, Variations = 1 })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        kept.Status.ShouldBe("Queued");
    }

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task QuotaCountsRolledUpDays(DatabaseProvider provider)
    {
        await using var factory = await CreateFactoryAsync(provider, postgres, redis, new() { ["Quotas:MonthlySeconds"] = "60" });
        using var client = await factory.CreateUserClientAsync();
        var userId = (await client.GetFromJsonAsync<MusicGen.Contracts.Accounts.MeResponse>("/api/v1/me", Ct))!.Id;
        var today = UsageLedger.DayOf(DateTimeOffset.UtcNow);

        // As the Worker's roll-up leaves a folded day: its figures, its deleted audio, and the watermark past it.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MusicDbContext>();
            db.UsageDays.Add(new UsageDay { UserId = userId, Day = today, Generations = 2, BilledAudioMs = 25_000, DeletedGenerations = 1, DeletedBilledAudioMs = 5_000 });
            await db.SaveChangesAsync(Ct);
            await db.UsageWatermarks.ExecuteUpdateAsync(s => s.SetProperty(w => w.RolledThrough, today.AddDays(1)), Ct);
        }

        (await client.GetFromJsonAsync<MusicGen.Contracts.Accounts.MeResponse>("/api/v1/me", Ct))!.UsedSecondsThisMonth.ShouldBe(30);
        await (await client.PostRawAsync(Request() with { LengthMs = 31_000, Variations = 1 })).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "lengthMs");
        (await client.PostRawAsync(Request() with { LengthMs = 30_000, Variations = 1 })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task CreateFasterThanRateLimitReturns429WithRetryAfter()
    {
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Sqlite, postgres, redis, new() { ["Quotas:SubmissionsPerMinute"] = "2" });
        using var client = await factory.CreateUserClientAsync();
        using var other = await factory.CreateUserClientAsync();
        await client.SubmitAsync();
        await client.SubmitAsync();

        var limited = await client.PostRawAsync(Request());
        var otherUser = await other.PostRawAsync(Request());

        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        int.Parse(limited.Headers.GetValues("Retry-After").Single()).ShouldBeInRange(1, 60);
        otherUser.StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task CancelRetryAndDeleteFollowTheLifecycle(DatabaseProvider provider)
    {
        await using var factory = await CreateFactoryAsync(provider, postgres, redis);
        using var client = await factory.CreateUserClientAsync();
        var generation = await client.SubmitAsync();

        var canceled = await client.PostAsync($"/api/v1/generations/{generation.Id}/cancel", null, Ct);
        var cancelAgain = await client.PostAsync($"/api/v1/generations/{generation.Id}/cancel", null, Ct);
        var retried = await client.PostAsync($"/api/v1/generations/{generation.Id}/retry", null, Ct);
        var retryQueued = await client.PostAsync($"/api/v1/generations/{generation.Id}/retry", null, Ct);
        var deleted = await client.DeleteAsync($"/api/v1/generations/{generation.Id}", Ct);
        var afterDelete = await client.GetAsync($"/api/v1/generations/{generation.Id}", Ct);

        (await canceled.Content.ReadFromJsonAsync<GenerationResponse>(Ct))!.Status.ShouldBe("Canceled");
        await cancelAgain.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        retried.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await retried.Content.ReadFromJsonAsync<GenerationResponse>(Ct))!.Status.ShouldBe("Queued");
        await retryQueued.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        afterDelete.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ListFiltersByStatusSearchesByNameAndPages()
    {
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Postgres, postgres, redis);
        using var client = await factory.CreateUserClientAsync();
        var rain = await client.SubmitAsync(Request("Rain on glass"));
        await client.SubmitAsync(Request("Sunny day"));
        var storm = await client.SubmitAsync(Request("Rain storm"));
        await client.PostAsync($"/api/v1/generations/{storm.Id}/cancel", null, Ct);

        var search = await client.GetFromJsonAsync<GenerationPage>("/api/v1/generations?search=Rain", Ct);
        var canceled = await client.GetFromJsonAsync<GenerationPage>("/api/v1/generations?status=canceled", Ct);
        var firstPage = await client.GetFromJsonAsync<GenerationPage>("/api/v1/generations?pageSize=2", Ct);
        var badStatus = await client.GetAsync("/api/v1/generations?status=Lost", Ct);
        var badSize = await client.GetAsync("/api/v1/generations?pageSize=500", Ct);

        search!.Items.Select(g => g.Id).ShouldBe([storm.Id, rain.Id]);
        canceled!.Items.ShouldHaveSingleItem().Id.ShouldBe(storm.Id);
        firstPage!.ShouldSatisfyAllConditions(p => p.Total.ShouldBe(3), p => p.Items.Count.ShouldBe(2), p => p.Items[0].Id.ShouldBe(storm.Id));
        await badStatus.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "status");
        await badSize.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "pageSize");
    }

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task ListFiltersByTheGenreTheEngineReadsInThePromptOrPlan(DatabaseProvider provider)
    {
        await using var factory = await CreateFactoryAsync(provider, postgres, redis);
        using var client = await factory.CreateUserClientAsync();
        using var other = await factory.CreateUserClientAsync();
        var techno = await client.SubmitAsync(Request("Night drive") with { Prompt = "dark driving techno, 132 bpm" });
        var lofi = await client.SubmitAsync(Request("Study") with { Prompt = "melancholic lo-fi hip-hop with rain" });
        var planned = await client.SubmitAsync(Request("Planned") with
        {
            Prompt = null,
            CompositionPlan = JsonSerializer.SerializeToElement(new
            {
                positive_global_styles = new[] { "techno", "hypnotic" },
                negative_global_styles = Array.Empty<string>(),
                sections = new[] { new { section_name = "Groove", positive_local_styles = Array.Empty<string>(), negative_local_styles = Array.Empty<string>(), duration_ms = 10_000, lines = Array.Empty<string>() } },
            }),
        });
        await other.SubmitAsync(Request("Someone else's") with { Prompt = "techno" });

        var technoPage = await client.GetFromJsonAsync<GenerationPage>("/api/v1/generations?genre=techno", Ct);
        var byDisplayName = await client.GetFromJsonAsync<GenerationPage>("/api/v1/generations?genre=LO-FI%20HIP-HOP&search=Stud", Ct);
        var none = await client.GetFromJsonAsync<GenerationPage>("/api/v1/generations?genre=jazz", Ct);
        var unknown = await client.GetAsync("/api/v1/generations?genre=polka", Ct);

        techno.Genre.ShouldBe("techno");
        lofi.Genre.ShouldBe("lofi");
        technoPage!.ShouldSatisfyAllConditions(p => p.Total.ShouldBe(2), p => p.Items.Select(g => g.Id).ShouldBe([planned.Id, techno.Id]));
        byDisplayName!.Items.ShouldHaveSingleItem().Id.ShouldBe(lofi.Id);
        none!.Total.ShouldBe(0);
        var problem = await unknown.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "genre");
        problem.GetProperty("errors").GetProperty("genre")[0].GetString()!.ShouldContain("techno, trance");
    }

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task OtherUserGetsNotFoundForEveryGenerationEndpoint(DatabaseProvider provider)
    {
        await using var factory = await CreateFactoryAsync(provider, postgres, redis);
        using var owner = await factory.CreateUserClientAsync();
        using var intruder = await factory.CreateUserClientAsync();
        var generation = await owner.SubmitAsync();
        var url = $"/api/v1/generations/{generation.Id}";

        (await intruder.GetAsync(url, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await intruder.GetAsync(url + "/events", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await intruder.PostAsync(url + "/cancel", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await intruder.PostAsync(url + "/retry", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await intruder.DeleteAsync(url, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await intruder.GetFromJsonAsync<GenerationPage>("/api/v1/generations", Ct))!.Total.ShouldBe(0);
        (await owner.GetFromJsonAsync<GenerationResponse>(url, Ct))!.Status.ShouldBe("Queued");
    }

    [Fact]
    public async Task EventsStreamStatusUntilTheGenerationFinishes()
    {
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Sqlite, postgres, redis);
        using var client = await factory.CreateUserClientAsync();
        var generation = await client.SubmitAsync();

        using var events = await client.GetAsync($"/api/v1/generations/{generation.Id}/events", HttpCompletionOption.ResponseHeadersRead, Ct);
        events.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        await using var stream = await events.Content.ReadAsStreamAsync(Ct);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        lines.Add((await reader.ReadLineAsync(Ct))!);
        lines.Add((await reader.ReadLineAsync(Ct))!);
        await client.PostAsync($"/api/v1/generations/{generation.Id}/cancel", null, Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            lines.Add(line);
        }

        var data = lines.Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).ToList();
        lines[0].ShouldBe("event: status");
        data.First().ShouldContain("\"status\":\"Queued\"");
        data.Last().ShouldContain("\"status\":\"Canceled\"");
    }

    [Fact]
    public async Task UnauthenticatedRequestsAreRejected()
    {
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Sqlite, postgres, redis);
        using var client = factory.CreateClient();

        (await client.PostAsJsonAsync("/api/v1/generations", Request(), Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.GetAsync("/api/v1/generations", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
