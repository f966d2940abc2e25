using MusicGen.Contracts.Generations;

namespace MusicGen.Contracts;

public sealed partial class MusicGenClient
{
    public Task<TrackResponse?> GetTrackAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetOrNullAsync<TrackResponse>($"api/v1/tracks/{id}", cancellationToken);

    /// <summary>A short-lived URL of the track's audio in <paramref name="format"/> (e.g. <c>mp3</c>, <c>wav</c>); it supports range requests.</summary>
    public Task<Uri?> GetTrackDownloadUrlAsync(Guid id, string format, CancellationToken cancellationToken = default) =>
        GetRedirectTargetAsync($"api/v1/tracks/{id}/download?format={Uri.EscapeDataString(format)}", cancellationToken);

    /// <summary>A short-lived URL of a zip of the track's stems.</summary>
    public Task<Uri?> GetTrackStemsUrlAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetRedirectTargetAsync($"api/v1/tracks/{id}/stems", cancellationToken);

    /// <summary>A short-lived URL of the track's Standard MIDI File.</summary>
    public Task<Uri?> GetTrackMidiUrlAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetRedirectTargetAsync($"api/v1/tracks/{id}/midi", cancellationToken);
}
