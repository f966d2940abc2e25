namespace MusicGen.Core.Generations;

/// <summary>One variation of a generation: always owned by exactly one generation (seed lesson: no orphan tracks).</summary>
public sealed class Track
{
    public Guid Id { get; set; }

    public Guid GenerationId { get; set; }

    public int VariantIndex { get; set; }

    public required string Title { get; set; }

    public int DurationMs { get; set; }

    public long SizeBytes { get; set; }

    /// <summary>SHA-256 of the primary audio file, hex.</summary>
    public string? Checksum { get; set; }

    /// <summary>Waveform peaks for players, as a JSON array of numbers in [0, 1].</summary>
    public string? WaveformPeaks { get; set; }

    public double? Bpm { get; set; }

    public string? MusicalKey { get; set; }

    /// <summary>Integrated loudness (ITU-R BS.1770, LUFS) of the primary audio; null when the provider does not say.</summary>
    public double? LoudnessLufs { get; set; }

    /// <summary>True peak (dBTP, 4× oversampled) of the primary audio; null when the provider does not say.</summary>
    public double? TruePeakDbtp { get; set; }

    /// <summary>Section layout (name, start, duration) as JSON.</summary>
    public string? Sections { get; set; }

    /// <summary>Lyrics with timestamps as JSON.</summary>
    public string? LyricsTimestamps { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<TrackFile> Files { get; set; } = [];
}
