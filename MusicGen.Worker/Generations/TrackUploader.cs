using System.Security.Cryptography;
using MusicGen.Core.Generations;
using MusicGen.Core.Providers;
using MusicGen.Core.Storage;

namespace MusicGen.Worker.Generations;

/// <summary>Uploads each track's audio and MIDI under its deterministic keys (overwriting what an earlier attempt left).</summary>
public sealed class TrackUploader(IBlobStore store)
{
    public async Task<IReadOnlyList<StoredTrack>> UploadAsync(Generation generation, IReadOnlyList<ProvidedTrack> tracks, Action<int> uploaded, CancellationToken cancellationToken)
    {
        var stored = new List<StoredTrack>(tracks.Count);
        foreach (var track in tracks.OrderBy(t => t.Variant))
        {
            var trackBase = TrackFiles.TrackBase(generation, track.Variant);
            var checksum = Convert.ToHexStringLower(SHA256.HashData(track.Audio));
            var metadata = new Dictionary<string, string>(TrackFiles.Metadata(generation, track, "audio")) { ["sha256"] = checksum };
            var audioKey = StorageKeys.Audio(trackBase, track.FileExtension);
            await PutAsync(audioKey, track.Audio, track.ContentType, metadata, cancellationToken);
            string? midiKey = null;
            if (track.Midi is { } midi)
            {
                midiKey = StorageKeys.Midi(trackBase);
                await PutAsync(midiKey, midi, TrackFiles.MidiContentType, TrackFiles.Metadata(generation, track, "midi"), cancellationToken);
            }

            stored.Add(new StoredTrack(track, audioKey, checksum, midiKey));
            uploaded(stored.Count);
        }

        return stored;
    }

    /// <summary>Deletes every file the generation may have (a cancel); missing ones are fine.</summary>
    public async Task DeleteAllAsync(Generation generation, CancellationToken cancellationToken)
    {
        foreach (var key in TrackFiles.AllKeys(generation, TrackFiles.AudioExtensionOf(generation.OutputFormat)))
        {
            await store.DeleteAsync(key, cancellationToken);
        }
    }

    private async Task PutAsync(string key, byte[] content, string contentType, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        try
        {
            await store.PutAsync(key, content, contentType, metadata, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new StorageUnavailableException($"Storing '{key}' failed: {e.Message}", e);
        }
    }
}
