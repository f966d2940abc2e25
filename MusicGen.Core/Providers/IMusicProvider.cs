using MusicGen.Core.Generations;

namespace MusicGen.Core.Providers;

/// <summary>
/// Something that turns a generation into tracks: MusicGen's own engine (<c>local</c>) or, later, a
/// hosted service (ElevenLabs, Suno). Only <see cref="ProviderRouter"/> calls providers, so limits,
/// circuit breaking and capability checks live in one place.
/// </summary>
public interface IMusicProvider
{
    /// <summary>The name a generation's <see cref="Generation.Provider"/> gives (<c>local</c>, <c>elevenlabs</c>, <c>suno</c>).</summary>
    string Name { get; }

    ProviderCapabilities Capabilities { get; }

    /// <summary>
    /// Renders all of the generation's variations. Throws <see cref="ProviderException"/> for failures it
    /// can classify; anything else is treated as transient. Honors <paramref name="cancellationToken"/>.
    /// </summary>
    Task<IReadOnlyList<ProvidedTrack>> GenerateAsync(Generation generation, IProgress<ProviderProgress> progress, CancellationToken cancellationToken);
}
