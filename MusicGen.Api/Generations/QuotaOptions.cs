using System.ComponentModel.DataAnnotations;

namespace MusicGen.Api.Generations;

/// <summary>Section <c>Quotas</c>: how much a user may generate.</summary>
public sealed class QuotaOptions
{
    public const string SectionName = "Quotas";

    /// <summary>Seconds of audio a user may generate per calendar month (UTC), unless their account says otherwise.</summary>
    [Range(0, int.MaxValue)]
    public int MonthlySeconds { get; set; } = 3600;

    /// <summary>Generation submissions a user may make per minute.</summary>
    [Range(1, 100_000)]
    public int SubmissionsPerMinute { get; set; } = 30;
}
