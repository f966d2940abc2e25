using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using MusicGen.Api.Files;
using MusicGen.Api.Tests.Infrastructure;
using MusicGen.Core.Data;
using MusicGen.Core.Generations;
using MusicGen.Testing.Postgres;
using MusicGen.Testing.Redis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MusicGen.Api.Tests.Generations.GenerationsTestSupport;

namespace MusicGen.Api.Tests.Tracks;

public sealed class TrackFilesApiTests(PostgresServer postgres, RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task DownloadRedirectsToASignedLinkThatServesTheStoredBytes(DatabaseProvider provider)
    {
        await using var factory = await CreateFactoryAsync(provider, postgres, redis);
        using var owner = await factory.CreateUserClientAsync();
        using var noRedirects = StoredTrack.WithoutRedirects(factory, owner);
        using var anonymous = factory.CreateClient();
        var track = await StoredTrack.CreateAsync(factory, owner);

        using var redirect = await noRedirects.GetAsync($"/api/v1/tracks/{track.TrackId}/download?format=mp3", Ct);
        var location = redirect.Headers.Location!.ToString();
        using var file = await anonymous.GetAsync(location, Ct);

        redirect.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        location.ShouldStartWith(SignedFileUrls.RoutePrefix);
        file.StatusCode.ShouldBe(HttpStatusCode.OK);
        file.Content.Headers.ContentType!.MediaType.ShouldBe("audio/mpeg");
        StoredTrack.FileName(file).ShouldBe("Rainy piano (take 1).mp3");
        (await file.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(track.Audio);
    }

    [Fact]
    public async Task SignedDownloadIsAnAttachmentNamedAfterTheGenerationAndTakeWhileStreamStaysInline()
    {
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Sqlite, postgres, redis);
        using var owner = await factory.CreateUserClientAsync();
        using var noRedirects = StoredTrack.WithoutRedirects(factory, owner);
        using var anonymous = factory.CreateClient();
        var track = await StoredTrack.CreateAsync(factory, owner, StoredTrack.UnicodeTitle);

        using var redirect = await noRedirects.GetAsync($"/api/v1/tracks/{track.TrackId}/download?format=mp3", Ct);
        using var file = await anonymous.GetAsync(redirect.Headers.Location, Ct);
        using var stream = await owner.GetAsync($"/api/v1/tracks/{track.TrackId}/stream", Ct);

        file.StatusCode.ShouldBe(HttpStatusCode.OK);
        file.Content.Headers.GetValues("Content-Disposition").Single().ShouldBe(StoredTrack.UnicodeDisposition);
        file.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("Café «pluie» ☔ (take 1).mp3");
        stream.StatusCode.ShouldBe(HttpStatusCode.OK);
        stream.Content.Headers.ContentDisposition.ShouldBeNull();
    }

    [Fact]
    public async Task AFormatNotStoredIsRenderedOnceAndStored()
    {
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Postgres, postgres, redis);
        using var owner = await factory.CreateUserClientAsync();
        using var noRedirects = StoredTrack.WithoutRedirects(factory, owner);
        using var anonymous = factory.CreateClient();
        var track = await StoredTrack.CreateAsync(factory, owner);
        var url = $"/api/v1/tracks/{track.TrackId}/download?format=wav";

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => noRedirects.GetAsync(url, Ct)));
        using var named = await noRedirects.GetAsync($"/api/v1/tracks/{track.TrackId}/download?format=mp3_44100_192", Ct);
        var wav = await anonymous.GetByteArrayAsync(concurrent[0].Headers.Location, Ct);
        var mp3 = await anonymous.GetByteArrayAsync(named.Headers.Location, Ct);

        concurrent.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Redirect);
        System.Text.Encoding.ASCII.GetString(wav, 0, 4).ShouldBe("RIFF");
        System.Text.Encoding.ASCII.GetString(wav, 8, 4).ShouldBe("WAVE");
        StoredTrack.IsMp3(mp3).ShouldBeTrue();
        mp3.ShouldNotBe(track.Audio);
        await using var scope = factory.Services.CreateAsyncScope();
        var files = await scope.ServiceProvider.GetRequiredService<MusicDbContext>().TrackFiles.Where(f => f.TrackId == track.TrackId).ToListAsync(Ct);
        files.Select(f => f.Name).Order().ShouldBe(["mp3", "mp3_44100_192", "wav"]);
        files.Select(f => f.StorageKey).Distinct().Count().ShouldBe(3);
    }

    [Fact]
    public async Task AnUnsupportedFormatIsAProblemNamingFormatWithTheAllowedList()
    {
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Sqlite, postgres, redis);
        using var owner = await factory.CreateUserClientAsync();
        var track = await StoredTrack.CreateAsync(factory, owner);

        using var response = await owner.GetAsync($"/api/v1/tracks/{track.TrackId}/download?format=flac", Ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "format");
        var message = problem.GetProperty("errors").GetProperty("format")[0].GetString()!;
        message.ShouldContain("'flac'");
        message.ShouldContain("mp3_44100_192");
        message.ShouldContain("drums");
    }

    [Fact]
    public async Task StreamAnswersRangesWithTheirSliceAndRangesPastTheEndWith416()
    {
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Sqlite, postgres, redis);
        using var owner = await factory.CreateUserClientAsync();
        var track = await StoredTrack.CreateAsync(factory, owner);
        var url = $"/api/v1/tracks/{track.TrackId}/stream";
        var total = track.Audio.Length;

        using var whole = await owner.GetAsync(url, Ct);
        using var middle = await SendRangeAsync(owner, url, "bytes=100-1099");
        using var open = await SendRangeAsync(owner, url, $"bytes={total - 10}-");
        using var suffix = await SendRangeAsync(owner, url, "bytes=-500");
        using var past = await SendRangeAsync(owner, url, $"bytes={total}-");

        whole.StatusCode.ShouldBe(HttpStatusCode.OK);
        whole.Headers.AcceptRanges.ShouldContain("bytes");
        (await whole.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(track.Audio);
        middle.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        middle.Content.Headers.ContentRange!.ToString().ShouldBe($"bytes 100-1099/{total}");
        (await middle.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(track.Audio[100..1100]);
        (await open.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(track.Audio[^10..]);
        suffix.Content.Headers.ContentRange!.ToString().ShouldBe($"bytes {total - 500}-{total - 1}/{total}");
        (await suffix.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(track.Audio[^500..]);
        past.StatusCode.ShouldBe(HttpStatusCode.RequestedRangeNotSatisfiable);
        past.Content.Headers.ContentRange!.ToString().ShouldBe($"bytes */{total}");
    }

    [Fact]
    public async Task StemsComeAsAZipOfFourAudioFilesAndAreStoredForTheNextRequest()
    {
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Postgres, postgres, redis);
        using var owner = await factory.CreateUserClientAsync();
        var track = await StoredTrack.CreateAsync(factory, owner);

        using var response = await owner.GetAsync($"/api/v1/tracks/{track.TrackId}/stems", Ct);
        var zip = await response.Content.ReadAsByteArrayAsync(Ct);
        await using var scope = factory.Services.CreateAsyncScope();
        var stems = await scope.ServiceProvider.GetRequiredService<MusicDbContext>().TrackFiles
            .Where(f => f.TrackId == track.TrackId && f.Kind == TrackFileKind.Stem).ToListAsync(Ct);
        using var again = await owner.GetAsync($"/api/v1/tracks/{track.TrackId}/stems", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, System.Text.Encoding.UTF8.GetString(zip));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        StoredTrack.FileName(response).ShouldBe("Rainy piano (take 1) stems.zip");
        using var archive = new ZipArchive(new MemoryStream(zip));
        archive.Entries.Select(e => e.Name).ShouldBe(["Rainy piano (take 1) drums.mp3", "Rainy piano (take 1) bass.mp3", "Rainy piano (take 1) harmony.mp3", "Rainy piano (take 1) melody.mp3"]);
        foreach (var entry in archive.Entries)
        {
            await using var content = await entry.OpenAsync(Ct);
            using var bytes = new MemoryStream();
            await content.CopyToAsync(bytes, Ct);
            bytes.Length.ShouldBeGreaterThan(1_000, entry.Name);
            StoredTrack.IsMp3(bytes.ToArray()).ShouldBeTrue(entry.Name);
        }

        stems.Select(f => f.Name).Order().ShouldBe(["bass", "drums", "harmony", "melody"]);
        (await again.Content.ReadAsByteArrayAsync(Ct)).Length.ShouldBe(zip.Length);
    }

    [Fact]
    public async Task MidiIsAStandardMidiFileNamedAfterTheTrack()
    {
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Sqlite, postgres, redis);
        using var owner = await factory.CreateUserClientAsync();
        var track = await StoredTrack.CreateAsync(factory, owner);

        using var response = await owner.GetAsync($"/api/v1/tracks/{track.TrackId}/midi", Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("audio/midi");
        StoredTrack.FileName(response).ShouldBe("Rainy piano (take 1).mid");
        System.Text.Encoding.ASCII.GetString(bytes, 0, 4).ShouldBe("MThd");
    }

    [Fact]
    public async Task AnAlteredLinkIs403AndAnExpiredOne410()
    {
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Sqlite, postgres, redis);
        using var owner = await factory.CreateUserClientAsync();
        using var noRedirects = StoredTrack.WithoutRedirects(factory, owner);
        using var anonymous = factory.CreateClient();
        var track = await StoredTrack.CreateAsync(factory, owner);
        using var redirect = await noRedirects.GetAsync($"/api/v1/tracks/{track.TrackId}/download", Ct);
        var link = redirect.Headers.Location!.ToString();
        var dot = link.IndexOf('.', StringComparison.Ordinal);
        var otherKey = factory.Services.GetRequiredService<SignedFileUrls>().Create("music/someone-else.mp3", "audio/mpeg", 10, "x.mp3", TimeSpan.FromMinutes(5));
        var expired = factory.Services.GetRequiredService<SignedFileUrls>().Create(track.AudioKey, "audio/mpeg", track.Audio.Length, "x.mp3", TimeSpan.FromSeconds(-1));

        using var forgedPayload = await anonymous.GetAsync(otherKey[..otherKey.IndexOf('.', StringComparison.Ordinal)] + link[dot..], Ct);
        using var forgedSignature = await anonymous.GetAsync(link[..^2] + (link[^2..] == "AA" ? "AB" : "AA"), Ct);
        using var garbage = await anonymous.GetAsync(SignedFileUrls.RoutePrefix + "not-a-token", Ct);
        using var late = await anonymous.GetAsync(expired, Ct);

        await forgedPayload.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await forgedSignature.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await garbage.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await late.ShouldBeProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task DeletingTheGenerationRemovesItsStoredFiles()
    {
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Postgres, postgres, redis);
        using var owner = await factory.CreateUserClientAsync();
        var track = await StoredTrack.CreateAsync(factory, owner);
        (await owner.GetAsync($"/api/v1/tracks/{track.TrackId}/midi", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var before = StoredBlobs(factory);

        using var response = await owner.DeleteAsync($"/api/v1/generations/{track.GenerationId}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        before.Length.ShouldBe(2);
        StoredBlobs(factory).ShouldBeEmpty();
    }

    [Fact]
    public async Task AnotherUserGetsNotFoundFromEveryTrackEndpoint()
    {
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Postgres, postgres, redis);
        using var owner = await factory.CreateUserClientAsync();
        using var intruder = await factory.CreateUserClientAsync();
        var track = await StoredTrack.CreateAsync(factory, owner);
        var url = $"/api/v1/tracks/{track.TrackId}";

        foreach (var path in new[] { url, url + "/download", url + "/download?format=wav", url + "/stream", url + "/stems", url + "/midi", $"/api/v1/generations/{track.GenerationId}/events", $"/api/music-generator/download/{track.GenerationId}" })
        {
            using var response = await intruder.GetAsync(path, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
        }

        await using var scope = factory.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<MusicDbContext>().TrackFiles.CountAsync(f => f.TrackId == track.TrackId, Ct)).ShouldBe(1);
    }

    [Fact]
    public async Task SeedDownloadAndAudioUrlLeadToTheAudio()
    {
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Sqlite, postgres, redis);
        using var owner = await factory.CreateUserClientAsync();
        using var noRedirects = StoredTrack.WithoutRedirects(factory, owner);
        using var anonymous = factory.CreateClient();
        var track = await StoredTrack.CreateAsync(factory, owner);

        var status = await owner.GetStringAsync($"/api/music-generator/status/{track.GenerationId}", Ct);
        using var seedRedirect = await noRedirects.GetAsync($"/api/music-generator/download/{track.GenerationId}", Ct);
        using var audioUrlRedirect = await noRedirects.GetAsync($"/api/v1/tracks/{track.TrackId}/download?format=mp3", Ct);

        System.Text.Json.JsonDocument.Parse(status).RootElement.GetProperty("data").GetProperty("audioUrl").GetString()
            .ShouldBe($"/api/v1/tracks/{track.TrackId}/download?format=mp3");
        seedRedirect.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await anonymous.GetByteArrayAsync(seedRedirect.Headers.Location, Ct)).ShouldBe(track.Audio);
        audioUrlRedirect.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    private static string[] StoredBlobs(ApiFactory factory) =>
        Directory.Exists(factory.StorageFolder)
            ? [.. Directory.EnumerateFiles(factory.StorageFolder, "*", SearchOption.AllDirectories).Where(p => !p.EndsWith(".meta", StringComparison.Ordinal))]
            : [];

    private static async Task<HttpResponseMessage> SendRangeAsync(HttpClient client, string url, string range)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = RangeHeaderValue.Parse(range);
        return await client.SendAsync(request, Ct);
    }
}
