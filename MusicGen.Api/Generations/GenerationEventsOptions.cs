using System.ComponentModel.DataAnnotations;

namespace MusicGen.Api.Generations;

/// <summary>Section <c>GenerationEvents</c>: pacing of <c>GET /api/v1/generations/{id}/events</c>.</summary>
public sealed class GenerationEventsOptions
{
    public const string SectionName = "GenerationEvents";

    /// <summary>A comment line this often keeps proxies from closing a quiet stream (most idle out after 30–60 s).</summary>
    [Range(1, 300)]
    public int HeartbeatSeconds { get; set; } = 15;

    /// <summary>How often a stream reads the generation when Redis pub/sub is unavailable.</summary>
    [Range(1, 60)]
    public int PollSeconds { get; set; } = 2;

    /// <summary>With live events, how often a stream still checks for a finish whose event it missed (Redis restarted).</summary>
    [Range(1, 600)]
    public int SafetyCheckSeconds { get; set; } = 10;
}
