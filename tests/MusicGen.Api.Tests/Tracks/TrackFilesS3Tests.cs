using System.Net;
using System.Net.Http.Headers;
using MusicGen.Api.Tests.Infrastructure;
using MusicGen.Core.Data;
using MusicGen.Testing.Postgres;
using MusicGen.Testing.Redis;
using MusicGen.Testing.Storage;
using static MusicGen.Api.Tests.Generations.GenerationsTestSupport;

namespace MusicGen.Api.Tests.Tracks;

/// <summary>The same file endpoints with S3 storage (a real s3rver): downloads redirect to presigned URLs.</summary>
public sealed class TrackFilesS3Tests(PostgresServer postgres, RedisFixture redis, S3rverFixture s3) : IClassFixture<RedisFixture>, IClassFixture<S3rverFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DownloadRedirectsToAPresignedUrlAndStreamReadsRangesFromS3()
    {
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Postgres, postgres, redis, new() { ["ConnectionStrings:storage"] = s3.Server.ConnectionString });
        using var owner = await factory.CreateUserClientAsync();
        using var noRedirects = StoredTrack.WithoutRedirects(factory, owner);
        using var outside = new HttpClient();
        var track = await StoredTrack.CreateAsync(factory, owner);

        using var stored = await noRedirects.GetAsync($"/api/v1/tracks/{track.TrackId}/download?format=mp3", Ct);
        using var rendered = await noRedirects.GetAsync($"/api/v1/tracks/{track.TrackId}/download?format=wav", Ct);
        var mp3 = await outside.GetByteArrayAsync(stored.Headers.Location, Ct);
        var wav = await outside.GetByteArrayAsync(rendered.Headers.Location, Ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tracks/{track.TrackId}/stream") { Headers = { Range = new RangeHeaderValue(1000, 2999) } };
        using var slice = await owner.SendAsync(request, Ct);

        stored.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        stored.Headers.Location!.ToString().ShouldStartWith(s3.Server.Endpoint.ToString());
        mp3.ShouldBe(track.Audio);
        System.Text.Encoding.ASCII.GetString(wav, 0, 4).ShouldBe("RIFF");
        slice.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        slice.Content.Headers.ContentRange!.ToString().ShouldBe($"bytes 1000-2999/{track.Audio.Length}");
        (await slice.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(track.Audio[1000..3000]);
    }

    [Fact]
    public async Task PresignedDownloadIsAnAttachmentNamedAfterTheGenerationAndTake()
    {
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Sqlite, postgres, redis, new() { ["ConnectionStrings:storage"] = s3.Server.ConnectionString });
        using var owner = await factory.CreateUserClientAsync();
        using var noRedirects = StoredTrack.WithoutRedirects(factory, owner);
        using var outside = new HttpClient();
        var track = await StoredTrack.CreateAsync(factory, owner, StoredTrack.UnicodeTitle);

        using var redirect = await noRedirects.GetAsync($"/api/v1/tracks/{track.TrackId}/download?format=mp3", Ct);
        using var file = await outside.GetAsync(redirect.Headers.Location, Ct);

        redirect.Headers.Location!.Query.ShouldContain("response-content-disposition=");
        file.StatusCode.ShouldBe(HttpStatusCode.OK);
        // s3rver answers with the override the presigned URL carries, as S3 does.
        file.Content.Headers.GetValues("Content-Disposition").Single().ShouldBe(StoredTrack.UnicodeDisposition);
        (await file.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(track.Audio);
    }
}
