using System.Net;
using System.Net.Http.Json;
using MusicGen.Api.Tests.Infrastructure;
using MusicGen.Contracts.Generations;
using MusicGen.Core.Data;
using MusicGen.Core.Generations;
using MusicGen.Testing.Postgres;
using MusicGen.Testing.Redis;
using Microsoft.Extensions.DependencyInjection;
using static MusicGen.Api.Tests.Generations.GenerationsTestSupport;

namespace MusicGen.Api.Tests.Generations;

public sealed class TracksApiTests(PostgresServer postgres, RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task OwnerSeesTrackWithFilesAndOtherUserGetsNotFound(DatabaseProvider provider)
    {
        await using var factory = await CreateFactoryAsync(provider, postgres, redis);
        using var owner = await factory.CreateUserClientAsync();
        using var intruder = await factory.CreateUserClientAsync();
        var generation = await owner.SubmitAsync();
        var trackId = Guid.NewGuid();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MusicDbContext>();
            db.Tracks.Add(new Track
            {
                Id = trackId,
                GenerationId = generation.Id,
                VariantIndex = 1,
                Title = "Rainy piano 2",
                DurationMs = 10_000,
                Bpm = 80,
                MusicalKey = "A minor",
                LoudnessLufs = -14.02,
                TruePeakDbtp = -1.3,
                Sections = """[{"name":"Intro","start":0,"duration":4,"energy":0.3},{"name":"A","start":4,"duration":6,"energy":0.5}]""",
                WaveformPeaks = "[0.1,0.5,1]",
                Files =
                [
                    new TrackFile { Id = Guid.NewGuid(), TrackId = trackId, Kind = TrackFileKind.Audio, Name = "wav", StorageKey = "music/x.wav", ContentType = "audio/wav", SizeBytes = 10 },
                    new TrackFile { Id = Guid.NewGuid(), TrackId = trackId, Kind = TrackFileKind.Midi, Name = "mid", StorageKey = "music/x.mid", ContentType = "audio/midi", SizeBytes = 2 },
                ],
            });
            await db.SaveChangesAsync(Ct);
        }

        var track = await owner.GetFromJsonAsync<TrackResponse>($"/api/v1/tracks/{trackId}", Ct);
        var viaGeneration = await owner.GetFromJsonAsync<GenerationResponse>($"/api/v1/generations/{generation.Id}", Ct);
        var foreign = await intruder.GetAsync($"/api/v1/tracks/{trackId}", Ct);

        track!.ShouldSatisfyAllConditions(
            t => t.VariantIndex.ShouldBe(1),
            t => t.Files.Select(f => f.Kind).ShouldBe(["Audio", "Midi"]),
            t => t.Files[0].Url.ShouldBe($"/api/v1/tracks/{trackId}/download?format=wav"),
            t => t.Bpm.ShouldBe(80),
            t => t.MusicalKey.ShouldBe("A minor"),
            t => t.LoudnessLufs.ShouldBe(-14.02),
            t => t.TruePeakDbtp.ShouldBe(-1.3),
            t => t.Sections!.Select(s => (s.Name, s.StartSeconds, s.DurationSeconds)).ShouldBe([("Intro", 0.0, 4.0), ("A", 4.0, 6.0)]),
            t => t.WaveformPeaks.ShouldBe([0.1f, 0.5f, 1f]));
        viaGeneration!.Tracks.ShouldHaveSingleItem().Id.ShouldBe(trackId);
        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
