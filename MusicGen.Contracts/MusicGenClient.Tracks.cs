using System.Net;
using MusicGen.Contracts.Generations;

namespace MusicGen.Contracts;

public sealed partial class MusicGenClient
{
    public Task<TrackResponse?> GetTrackAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetOrNullAsync<TrackResponse>($"api/v1/tracks/{id}", cancellationToken);

    /// <summary>
    /// A short-lived URL of the track's audio in <paramref name="format"/> (<c>mp3</c>, <c>wav</c>, an output
    /// format name, <c>mid</c>, or a stem name; empty for the track's own format). It supports range requests.
    /// A format the track was not stored in is rendered first. Null on 404.
    /// </summary>
    public Task<Uri?> GetTrackDownloadUrlAsync(Guid id, string format, CancellationToken cancellationToken = default) =>
        GetRedirectTargetAsync($"api/v1/tracks/{id}/download?format={Uri.EscapeDataString(format)}", cancellationToken);

    /// <summary>A short-lived URL of the track's Standard MIDI File.</summary>
    public Task<Uri?> GetTrackMidiUrlAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetTrackDownloadUrlAsync(id, "mid", cancellationToken);

    /// <summary>
    /// Opens the zip of the track's stems (rendered on the first request). The caller owns the response and
    /// streams it; null on 404.
    /// </summary>
    public async Task<HttpResponseMessage?> OpenTrackStemsAsync(Guid id, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Relative($"api/v1/tracks/{id}/stems"));
        return await OpenAsync(request, cancellationToken);
    }
}
