using System.Net;
using System.Net.Http.Json;
using System.Text;
using MusicGen.Api.Tests.Infrastructure;
using MusicGen.Contracts.Playlists;
using MusicGen.Core.Data;
using MusicGen.Testing.Postgres;

namespace MusicGen.Api.Tests.Playlists;

public sealed class PlaylistsApiTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task PlaylistLifecycleKeepsOrderAndDescribesItems(DatabaseProvider provider)
    {
        await using var factory = await ApiFactory.CreateAsync(provider, postgres);
        using var client = await factory.CreateUserClientAsync();
        var tracks = await factory.AddCompletedGenerationAsync(await client.GetUserIdAsync(), tracks: 3, name: "Night drive");
        var generationTracks = tracks.ToArray();

        var created = await client.PostAsJsonAsync("/api/v1/playlists", new CreatePlaylistRequest(" Road trip ", "for the car"), Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var playlist = (await created.Content.ReadFromJsonAsync<PlaylistResponse>(Ct))!;
        created.Headers.Location!.ToString().ShouldBe($"/api/v1/playlists/{playlist.Id}");
        playlist.Name.ShouldBe("Road trip");

        await AddAsync(client, playlist.Id, new AddPlaylistTrackRequest(generationTracks[0]));
        await AddAsync(client, playlist.Id, new AddPlaylistTrackRequest(generationTracks[1]));
        var afterInsert = await AddAsync(client, playlist.Id, new AddPlaylistTrackRequest(generationTracks[2], Position: 0));
        afterInsert.Items.Select(i => i.TrackId).ShouldBe([generationTracks[2], generationTracks[0], generationTracks[1]]);
        afterInsert.Items.Select(i => i.Position).ShouldBe([0, 1, 2]);

        var fetched = (await client.GetFromJsonAsync<PlaylistResponse>($"/api/v1/playlists/{playlist.Id}", Ct))!;
        var first = fetched.Items[0];
        first.ShouldSatisfyAllConditions(
            i => i.Title.ShouldBe("Night drive 3"),
            i => i.DurationMs.ShouldBe(10_002),
            i => i.StreamUrl.ShouldBe($"/api/v1/tracks/{generationTracks[2]}/stream"),
            i => i.GenerationId.ShouldNotBe(Guid.Empty));

        var moved = await SendAsync<PlaylistResponse>(client, HttpMethod.Post, $"/api/v1/playlists/{playlist.Id}/tracks/{generationTracks[2]}/move", new MovePlaylistTrackRequest(2));
        moved.Items.Select(i => i.TrackId).ShouldBe([generationTracks[0], generationTracks[1], generationTracks[2]]);

        var reordered = await SendAsync<PlaylistResponse>(client, HttpMethod.Put, $"/api/v1/playlists/{playlist.Id}/tracks", new ReorderPlaylistRequest([generationTracks[1], generationTracks[2], generationTracks[0]]));
        reordered.Items.Select(i => i.TrackId).ShouldBe([generationTracks[1], generationTracks[2], generationTracks[0]]);

        (await client.DeleteAsync($"/api/v1/playlists/{playlist.Id}/tracks/{generationTracks[2]}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var afterRemove = (await client.GetFromJsonAsync<PlaylistResponse>($"/api/v1/playlists/{playlist.Id}", Ct))!;
        afterRemove.Items.Select(i => (i.TrackId, i.Position)).ShouldBe([(generationTracks[1], 0), (generationTracks[0], 1)]);

        var renamed = await SendAsync<PlaylistResponse>(client, HttpMethod.Put, $"/api/v1/playlists/{playlist.Id}", new UpdatePlaylistRequest("Long drive", null));
        renamed.ShouldSatisfyAllConditions(p => p.Name.ShouldBe("Long drive"), p => p.Description.ShouldBeNull(), p => p.Items.Count.ShouldBe(2));

        var page = (await client.GetFromJsonAsync<PlaylistPage>("/api/v1/playlists?page=1&pageSize=10", Ct))!;
        page.Total.ShouldBe(1);
        page.Items.Single().ShouldSatisfyAllConditions(s => s.TrackCount.ShouldBe(2), s => s.DurationMs.ShouldBe(20_001), s => s.Name.ShouldBe("Long drive"));

        (await client.DeleteAsync($"/api/v1/playlists/{playlist.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.GetAsync($"/api/v1/playlists/{playlist.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetFromJsonAsync<PlaylistPage>("/api/v1/playlists", Ct))!.Total.ShouldBe(0);
    }

    [Fact]
    public async Task ListIsPagedMostRecentlyChangedFirst()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, postgres);
        using var client = await factory.CreateUserClientAsync();
        foreach (var name in new[] { "one", "two", "three" })
        {
            (await client.PostAsJsonAsync("/api/v1/playlists", new CreatePlaylistRequest(name), Ct)).EnsureSuccessStatusCode();
        }

        var first = (await client.GetFromJsonAsync<PlaylistPage>("/api/v1/playlists?pageSize=2", Ct))!;
        var second = (await client.GetFromJsonAsync<PlaylistPage>("/api/v1/playlists?pageSize=2&page=2", Ct))!;

        first.Items.Select(p => p.Name).ShouldBe(["three", "two"]);
        second.Items.Select(p => p.Name).ShouldBe(["one"]);
        first.Total.ShouldBe(3);
    }

    [Theory]
    [InlineData("POST", "/api/v1/playlists", """{"name":""}""", HttpStatusCode.BadRequest, "name")]
    [InlineData("POST", "/api/v1/playlists", """{"description":"no name"}""", HttpStatusCode.BadRequest, "name")]
    [InlineData("POST", "/api/v1/playlists", "LONGNAME", HttpStatusCode.BadRequest, "name")]
    [InlineData("PUT", "/api/v1/playlists/{id}", """{"name":""}""", HttpStatusCode.BadRequest, "name")]
    [InlineData("POST", "/api/v1/playlists/{id}/tracks", """{"trackId":"00000000-0000-0000-0000-000000000000"}""", HttpStatusCode.BadRequest, "trackId")]
    [InlineData("POST", "/api/v1/playlists/{id}/tracks", """{"trackId":"{track}","position":5}""", HttpStatusCode.BadRequest, "position")]
    [InlineData("POST", "/api/v1/playlists/{id}/tracks", """{"trackId":"{track}","position":-1}""", HttpStatusCode.BadRequest, "position")]
    [InlineData("POST", "/api/v1/playlists/{id}/tracks", """{"trackId":"{added}"}""", HttpStatusCode.Conflict, "trackId")]
    [InlineData("POST", "/api/v1/playlists/{id}/tracks", """{"trackId":"0195f3a0-0000-7000-8000-000000000001"}""", HttpStatusCode.NotFound, "trackId")]
    [InlineData("PUT", "/api/v1/playlists/{id}/tracks", """{"trackIds":[]}""", HttpStatusCode.BadRequest, "trackIds")]
    [InlineData("PUT", "/api/v1/playlists/{id}/tracks", """{"trackIds":["{added}","{added}"]}""", HttpStatusCode.BadRequest, "trackIds")]
    [InlineData("PUT", "/api/v1/playlists/{id}/tracks", """{"trackIds":["{track}"]}""", HttpStatusCode.BadRequest, "trackIds")]
    [InlineData("POST", "/api/v1/playlists/{id}/tracks/{added}/move", """{"position":1}""", HttpStatusCode.BadRequest, "position")]
    [InlineData("GET", "/api/v1/playlists?pageSize=0", null, HttpStatusCode.BadRequest, "pageSize")]
    [InlineData("GET", "/api/v1/playlists?page=0", null, HttpStatusCode.BadRequest, "page")]
    public async Task InvalidRequestsAnswerProblemsNamingTheField(string method, string path, string? body, HttpStatusCode status, string field)
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, postgres);
        using var client = await factory.CreateUserClientAsync();
        var tracks = await factory.AddCompletedGenerationAsync(await client.GetUserIdAsync(), tracks: 2);
        var playlist = (await (await client.PostAsJsonAsync("/api/v1/playlists", new CreatePlaylistRequest("mix"), Ct)).Content.ReadFromJsonAsync<PlaylistResponse>(Ct))!;
        await AddAsync(client, playlist.Id, new AddPlaylistTrackRequest(tracks[0]));

        string Fill(string text) => text.Replace("{id}", playlist.Id.ToString()).Replace("{added}", tracks[0].ToString()).Replace("{track}", tracks[1].ToString())
            .Replace("LONGNAME", $$"""{"name":"{{new string('x', 201)}}"}""");
        using var request = new HttpRequestMessage(new HttpMethod(method), Fill(path));
        if (body is not null)
        {
            request.Content = new StringContent(Fill(body), Encoding.UTF8, "application/json");
        }

        var response = await client.SendAsync(request, Ct);

        await response.ShouldBeProblemAsync(status, field);
    }

    [Fact]
    public async Task AnotherUsersPlaylistAndTracksAreNotFoundEverywhere()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, postgres);
        using var alice = await factory.CreateUserClientAsync();
        using var bob = await factory.CreateUserClientAsync();
        var aliceTracks = await factory.AddCompletedGenerationAsync(await alice.GetUserIdAsync(), tracks: 2);
        var bobTracks = await factory.AddCompletedGenerationAsync(await bob.GetUserIdAsync());
        var alicePlaylist = (await (await alice.PostAsJsonAsync("/api/v1/playlists", new CreatePlaylistRequest("private"), Ct)).Content.ReadFromJsonAsync<PlaylistResponse>(Ct))!;
        await AddAsync(alice, alicePlaylist.Id, new AddPlaylistTrackRequest(aliceTracks[0]));
        var bobPlaylist = (await (await bob.PostAsJsonAsync("/api/v1/playlists", new CreatePlaylistRequest("mine"), Ct)).Content.ReadFromJsonAsync<PlaylistResponse>(Ct))!;
        var id = alicePlaylist.Id;

        (await bob.GetAsync($"/api/v1/playlists/{id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bob.PutAsJsonAsync($"/api/v1/playlists/{id}", new UpdatePlaylistRequest("taken"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bob.PostAsJsonAsync($"/api/v1/playlists/{id}/tracks", new AddPlaylistTrackRequest(bobTracks[0]), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bob.PutAsJsonAsync($"/api/v1/playlists/{id}/tracks", new ReorderPlaylistRequest([aliceTracks[0]]), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bob.PostAsJsonAsync($"/api/v1/playlists/{id}/tracks/{aliceTracks[0]}/move", new MovePlaylistTrackRequest(0), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bob.DeleteAsync($"/api/v1/playlists/{id}/tracks/{aliceTracks[0]}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bob.DeleteAsync($"/api/v1/playlists/{id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bob.GetFromJsonAsync<PlaylistPage>("/api/v1/playlists", Ct))!.Items.Select(p => p.Id).ShouldBe([bobPlaylist.Id]);
        var stolen = await bob.PostAsJsonAsync($"/api/v1/playlists/{bobPlaylist.Id}/tracks", new AddPlaylistTrackRequest(aliceTracks[1]), Ct);
        await stolen.ShouldBeProblemAsync(HttpStatusCode.NotFound, "trackId");

        var intact = (await alice.GetFromJsonAsync<PlaylistResponse>($"/api/v1/playlists/{id}", Ct))!;
        intact.ShouldSatisfyAllConditions(p => p.Name.ShouldBe("private"), p => p.Items.Select(i => i.TrackId).ShouldBe([aliceTracks[0]]));
    }

    private static Task<PlaylistResponse> AddAsync(HttpClient client, Guid playlistId, AddPlaylistTrackRequest request) =>
        SendAsync<PlaylistResponse>(client, HttpMethod.Post, $"/api/v1/playlists/{playlistId}/tracks", request);

    private static async Task<T> SendAsync<T>(HttpClient client, HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        var response = await client.SendAsync(request, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<T>(Ct))!;
    }
}
