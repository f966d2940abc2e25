namespace MusicGen.Core.Generations;

/// <summary>
/// One provider call: a prompt (or composition plan) rendered into <see cref="Variations"/> tracks.
/// </summary>
public sealed class Generation
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public required string Name { get; set; }

    public string? Prompt { get; set; }

    /// <summary>An ElevenLabs-style composition plan, kept as the JSON the client sent.</summary>
    public string? CompositionPlan { get; set; }

    public int LengthMs { get; set; }

    public required string OutputFormat { get; set; }

    public int Variations { get; set; }

    public long? Seed { get; set; }

    public bool Instrumental { get; set; }

    public string? Lyrics { get; set; }

    public required string Provider { get; set; }

    public string? Model { get; set; }

    public string? WebhookUrl { get; set; }

    /// <summary>
    /// The genre's id (<c>GenreNames.Id</c>: <c>techno</c>, <c>lofi</c>…) as the engine's prompt parser reads the
    /// prompt or plan, stored at submit so the library filters by it in the database. Null for rows older than the column.
    /// </summary>
    public string? Genre { get; set; }

    /// <summary>Milliseconds of audio this generation counts against the owner's quota (length × variations).</summary>
    public long BilledAudioMs { get; set; }

    public GenerationStatus Status { get; set; }

    public string? Stage { get; set; }

    public int Progress { get; set; }

    public int Attempts { get; set; }

    public string? ErrorCode { get; set; }

    public string? ErrorMessage { get; set; }

    public string? ProviderTaskId { get; set; }

    public string? IdempotencyKey { get; set; }

    /// <summary>Hash of the request body an idempotency key was first used with.</summary>
    public string? RequestHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public List<Track> Tracks { get; set; } = [];

    public bool IsTerminal => Status is GenerationStatus.Completed or GenerationStatus.Failed or GenerationStatus.Canceled;
}
