using System.Text.Json;

namespace MusicGen.Contracts.Generations;

/// <summary>
/// A generation request: a <see cref="Prompt"/> or an ElevenLabs-style <see cref="CompositionPlan"/>
/// (exactly one), rendered <see cref="Variations"/> times at <see cref="LengthMs"/> each.
/// </summary>
public sealed record CreateGenerationRequest
{
    public string? Name { get; init; }

    public string? Prompt { get; init; }

    public JsonElement? CompositionPlan { get; init; }

    /// <summary>3,000 to 600,000.</summary>
    public int LengthMs { get; init; } = 30_000;

    /// <summary>ElevenLabs format names: <c>mp3_44100_128</c> (default), <c>mp3_44100_192</c>, <c>pcm_44100</c>, <c>wav_44100</c>…</summary>
    public string OutputFormat { get; init; } = "mp3_44100_128";

    /// <summary>1 to 4.</summary>
    public int Variations { get; init; } = 2;

    public long? Seed { get; init; }

    public bool Instrumental { get; init; }

    public string? Lyrics { get; init; }

    /// <summary><c>local</c> (default), <c>elevenlabs</c> or <c>suno</c>.</summary>
    public string Provider { get; init; } = "local";

    public string? Model { get; init; }

    public string? WebhookUrl { get; init; }
}
