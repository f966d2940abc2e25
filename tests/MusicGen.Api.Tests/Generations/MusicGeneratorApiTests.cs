using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MusicGen.Api.Tests.Infrastructure;
using MusicGen.Core.Data;
using MusicGen.Core.Generations;
using MusicGen.Testing.Postgres;
using MusicGen.Testing.Redis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MusicGen.Api.Tests.Generations.GenerationsTestSupport;

namespace MusicGen.Api.Tests.Generations;

public sealed class MusicGeneratorApiTests(PostgresServer postgres, RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GenerateThenStatusReturnTheSeedShapes()
    {
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Sqlite, postgres, redis);
        using var client = await factory.CreateUserClientAsync();

        var generate = await client.PostAsJsonAsync("/api/music-generator/generate", new { prompt = "upbeat synthwave", lengthMs = 15000 }, Ct);
        using var generated = JsonDocument.Parse(await generate.Content.ReadAsStringAsync(Ct));
        var musicId = generated.RootElement.GetProperty("data").GetProperty("musicId").GetString()!;
        var status = await client.GetAsync($"/api/music-generator/status/{musicId}", Ct);
        using var statusBody = JsonDocument.Parse(await status.Content.ReadAsStringAsync(Ct));

        generate.StatusCode.ShouldBe(HttpStatusCode.OK);
        Names(generated.RootElement).ShouldBe(["data", "message", "success"]);
        generated.RootElement.GetProperty("success").GetBoolean().ShouldBeTrue();
        var data = statusBody.RootElement.GetProperty("data");
        Names(data).ShouldBe(["audioUrl", "createdAt", "lengthMs", "musicId", "status", "updatedAt"]);
        data.GetProperty("status").GetString().ShouldBe("GENERATING");
        data.GetProperty("lengthMs").GetInt32().ShouldBe(15000);
        data.GetProperty("audioUrl").ValueKind.ShouldBe(JsonValueKind.Null);
        statusBody.RootElement.GetProperty("success").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task StatusOfCompletedGenerationHasAudioUrlAndDownloadRedirects()
    {
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Sqlite, postgres, redis);
        using var client = await factory.CreateUserClientAsync();
        var generation = await client.SubmitAsync();
        var trackId = Guid.NewGuid();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MusicDbContext>();
            db.Tracks.Add(new Track
            {
                Id = trackId,
                GenerationId = generation.Id,
                VariantIndex = 0,
                Title = "Rainy piano 1",
                DurationMs = 10_000,
                Files = [new TrackFile { Id = Guid.NewGuid(), TrackId = trackId, Kind = TrackFileKind.Audio, Name = "mp3", StorageKey = "music/x.mp3", ContentType = "audio/mpeg", SizeBytes = 1 }],
            });
            await db.Generations.Where(g => g.Id == generation.Id).ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, GenerationStatus.Completed), Ct);
            await db.SaveChangesAsync(Ct);
        }

        var status = await client.GetFromJsonAsync<JsonElement>($"/api/music-generator/status/{generation.Id}", Ct);
        using var noRedirect = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        noRedirect.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
        var download = await noRedirect.GetAsync($"/api/music-generator/download/{generation.Id}", Ct);

        status.GetProperty("data").GetProperty("status").GetString().ShouldBe("COMPLETED");
        status.GetProperty("data").GetProperty("audioUrl").GetString().ShouldBe($"/api/v1/tracks/{trackId}/download?format=mp3");
        download.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        download.Headers.Location!.ToString().ShouldStartWith("/api/v1/files/");
    }

    [Fact]
    public async Task UnknownOrForeignMusicIdReturnsSeedNotFound()
    {
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Sqlite, postgres, redis);
        using var owner = await factory.CreateUserClientAsync();
        using var intruder = await factory.CreateUserClientAsync();
        var generation = await owner.SubmitAsync();

        foreach (var url in new[] { $"/api/music-generator/status/{generation.Id}", $"/api/music-generator/download/{generation.Id}", "/api/music-generator/status/not-a-guid" })
        {
            var response = await intruder.GetAsync(url, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            body.GetProperty("success").GetBoolean().ShouldBeFalse();
            body.GetProperty("message").GetString().ShouldBe("Music not found");
        }
    }

    [Fact]
    public async Task GenerateWithoutPromptReturnsSeedError()
    {
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Sqlite, postgres, redis);
        using var client = await factory.CreateUserClientAsync();

        var response = await client.PostAsJsonAsync("/api/music-generator/generate", new { lengthMs = 15000 }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        body.GetProperty("success").GetBoolean().ShouldBeFalse();
        body.GetProperty("message").GetString()!.ShouldContain("prompt");
    }

    private static List<string> Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
}
