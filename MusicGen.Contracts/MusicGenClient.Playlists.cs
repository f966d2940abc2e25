using System.Globalization;
using System.Net.Http.Json;
using MusicGen.Contracts.Playlists;

namespace MusicGen.Contracts;

public sealed partial class MusicGenClient
{
    public Task<PlaylistResponse> CreatePlaylistAsync(CreatePlaylistRequest request, CancellationToken cancellationToken = default) =>
        SendForAsync<PlaylistResponse>(new HttpRequestMessage(HttpMethod.Post, Relative("api/v1/playlists")) { Content = JsonContent.Create(request) }, cancellationToken);

    public Task<PlaylistPage> ListPlaylistsAsync(int page = 1, int pageSize = 100, CancellationToken cancellationToken = default) =>
        SendForAsync<PlaylistPage>(new HttpRequestMessage(HttpMethod.Get, Relative(string.Create(CultureInfo.InvariantCulture, $"api/v1/playlists?page={page}&pageSize={pageSize}"))), cancellationToken);

    /// <summary>Null when there is no such playlist or it belongs to someone else.</summary>
    public Task<PlaylistResponse?> GetPlaylistAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetOrNullAsync<PlaylistResponse>($"api/v1/playlists/{id}", cancellationToken);

    public Task<PlaylistResponse> UpdatePlaylistAsync(Guid id, UpdatePlaylistRequest request, CancellationToken cancellationToken = default) =>
        SendForAsync<PlaylistResponse>(new HttpRequestMessage(HttpMethod.Put, Relative($"api/v1/playlists/{id}")) { Content = JsonContent.Create(request) }, cancellationToken);

    public Task DeletePlaylistAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Delete, Relative($"api/v1/playlists/{id}")), cancellationToken);

    public Task<PlaylistResponse> AddPlaylistTrackAsync(Guid id, AddPlaylistTrackRequest request, CancellationToken cancellationToken = default) =>
        SendForAsync<PlaylistResponse>(new HttpRequestMessage(HttpMethod.Post, Relative($"api/v1/playlists/{id}/tracks")) { Content = JsonContent.Create(request) }, cancellationToken);

    public Task RemovePlaylistTrackAsync(Guid id, Guid trackId, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Delete, Relative($"api/v1/playlists/{id}/tracks/{trackId}")), cancellationToken);

    public Task<PlaylistResponse> ReorderPlaylistAsync(Guid id, ReorderPlaylistRequest request, CancellationToken cancellationToken = default) =>
        SendForAsync<PlaylistResponse>(new HttpRequestMessage(HttpMethod.Put, Relative($"api/v1/playlists/{id}/tracks")) { Content = JsonContent.Create(request) }, cancellationToken);

    public Task<PlaylistResponse> MovePlaylistTrackAsync(Guid id, Guid trackId, MovePlaylistTrackRequest request, CancellationToken cancellationToken = default) =>
        SendForAsync<PlaylistResponse>(new HttpRequestMessage(HttpMethod.Post, Relative($"api/v1/playlists/{id}/tracks/{trackId}/move")) { Content = JsonContent.Create(request) }, cancellationToken);
}
