using System.Text;

namespace MusicGen.Redis.Queue;

/// <summary>What a handler gets to know about, and can say about, the job it runs.</summary>
public sealed class JobContext
{
    private readonly JobQueue _queue;
    private readonly string _token;

    internal JobContext(JobQueue queue, string id, string token, ReadOnlyMemory<byte> data, int attempt, int maxAttempts, string? traceParent)
    {
        _queue = queue;
        _token = token;
        Id = id;
        Data = data;
        Attempt = attempt;
        MaxAttempts = maxAttempts;
        TraceParent = traceParent;
    }

    public string Id { get; }

    public ReadOnlyMemory<byte> Data { get; }

    public string DataAsString => Encoding.UTF8.GetString(Data.Span);

    /// <summary>1 on the first try, 2 on the first retry… (a stalled try that was taken again does not count).</summary>
    public int Attempt { get; }

    public int MaxAttempts { get; }

    public string? TraceParent { get; }

    /// <summary>Stored with the job when it completes.</summary>
    public string? Result { get; set; }

    /// <summary>Stores progress (a percentage or any text) and publishes a progress event; false when this worker lost the job's lock.</summary>
    public async Task<bool> ReportProgressAsync(string progress, CancellationToken cancellationToken = default) =>
        (await _queue.EvalAsync(QueueScripts.Progress, [Id, _token, progress], cancellationToken)).AsInt64() == 1;

    public Task<bool> ReportProgressAsync(int percent, CancellationToken cancellationToken = default) =>
        ReportProgressAsync(percent.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
}
