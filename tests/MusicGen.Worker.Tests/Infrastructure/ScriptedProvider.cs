using MusicGen.Core.Generations;
using MusicGen.Core.Providers;

namespace MusicGen.Worker.Tests.Infrastructure;

/// <summary>
/// A provider for tests: fails as scripted (one entry per call; null means succeed) and otherwise returns
/// small fake MP3 tracks at once.
/// </summary>
internal sealed class ScriptedProvider(string name, params ProviderException?[] script) : IMusicProvider
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public string Name => name;

    public ProviderCapabilities Capabilities { get; } = new(1_000, 600_000, new HashSet<string> { "mp3_44100_128" }, 4, Lyrics: true, Stems: false);

    public Task<IReadOnlyList<ProvidedTrack>> GenerateAsync(Generation generation, IProgress<ProviderProgress> progress, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls) - 1;
        if (call < script.Length && script[call] is { } failure)
        {
            throw failure;
        }

        progress.Report(new ProviderProgress("rendering", 1));
        IReadOnlyList<ProvidedTrack> tracks = [.. Enumerable.Range(0, generation.Variations).Select(v =>
            new ProvidedTrack(v, [0xFF, 0xFB, (byte)v, 1, 2, 3], "mp3", "audio/mpeg", null, generation.LengthMs / 1000.0))];
        return Task.FromResult(tracks);
    }
}
