using System.Text;

namespace MusicGen.Redis.Queue;

/// <summary>A snapshot of one job.</summary>
public sealed record JobInfo(
    string Id,
    JobState State,
    ReadOnlyMemory<byte> Data,
    int Attempts,
    int AttemptsMade,
    int StallCount,
    int Priority,
    string? Progress,
    string? Result,
    string? Error,
    string? TraceParent,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ProcessedAt,
    DateTimeOffset? FinishedAt)
{
    public string DataAsString => Encoding.UTF8.GetString(Data.Span);
}
