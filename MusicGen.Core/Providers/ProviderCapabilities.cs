namespace MusicGen.Core.Providers;

/// <summary>What a provider can be asked for; the router refuses anything outside it with a permanent error.</summary>
/// <param name="MinLengthMs">Shortest track it renders.</param>
/// <param name="MaxLengthMs">Longest track it renders.</param>
/// <param name="OutputFormats">Output formats it delivers (ElevenLabs names: <c>mp3_44100_128</c>…).</param>
/// <param name="MaxVariationsPerCall">Tracks one call can return.</param>
/// <param name="Lyrics">Whether it sings given lyrics.</param>
/// <param name="Stems">Whether it can deliver stems.</param>
public sealed record ProviderCapabilities(
    int MinLengthMs,
    int MaxLengthMs,
    IReadOnlySet<string> OutputFormats,
    int MaxVariationsPerCall,
    bool Lyrics,
    bool Stems);
