using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace MusicGen.Redis.Queue;

/// <summary>
/// A durable job queue on plain Redis structures (BullMQ's design, without Streams, so it also
/// runs on Garnet). All keys share the hash tag <c>{name}</c>: <c>mg:{name}:wait</c>, <c>…:active</c>,
/// <c>…:job:&lt;id&gt;</c>… Thread-safe; one per queue name per application is plenty.
/// </summary>
public sealed class JobQueue
{
    private const int BulkChunk = 500;

    public JobQueue(RedisClient client, string name, JobQueueOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.IndexOfAny(['{', '}', ':']) >= 0)
        {
            throw new ArgumentException("A queue name may not contain '{', '}' or ':'.", nameof(name));
        }

        Client = client;
        Name = name;
        Options = options ?? new JobQueueOptions();
        Prefix = $"mg:{{{name}}}:";
        Keys = [.. new[] { "wait", "active", "prioritized", "delayed", "completed", "failed", "meta", "marker" }.Select(k => (RedisArg)(Prefix + k))];
    }

    public RedisClient Client { get; }

    public string Name { get; }

    public JobQueueOptions Options { get; }

    /// <summary>The key prefix, hash tag included (<c>mg:{name}:</c>).</summary>
    public string Prefix { get; }

    public string EventsChannel => Prefix + "events";

    internal string MarkerKey => Prefix + "marker";

    internal RedisArg[] Keys { get; }

    public Task<JobAddResult> AddAsync(string id, string data, JobOptions? options = null, CancellationToken cancellationToken = default) =>
        AddAsync(id, Encoding.UTF8.GetBytes(data), options, cancellationToken);

    /// <summary>Adds a job; the id is the idempotency key, so adding an existing id changes nothing.</summary>
    public async Task<JobAddResult> AddAsync(string id, ReadOnlyMemory<byte> data, JobOptions? options = null, CancellationToken cancellationToken = default)
    {
        var reply = await EvalAsync(QueueScripts.Add, JobArgs([new NewJob(id, data, options)]), cancellationToken);
        return new JobAddResult(id, reply.Items[0].AsInt64() == 1);
    }

    /// <summary>Adds many jobs, a few hundred per script call (one call after another, so no call waits behind the others).</summary>
    public async Task<IReadOnlyList<JobAddResult>> AddBulkAsync(IReadOnlyList<NewJob> jobs, CancellationToken cancellationToken = default)
    {
        var results = new List<JobAddResult>(jobs.Count);
        foreach (var chunk in jobs.Chunk(BulkChunk))
        {
            var reply = await EvalAsync(QueueScripts.Add, JobArgs(chunk), cancellationToken);
            for (var i = 0; i < chunk.Length; i++)
            {
                results.Add(new JobAddResult(chunk[i].Id, reply.Items[i].AsInt64() == 1));
            }
        }

        return results;
    }

    public async Task<JobInfo?> GetJobAsync(string id, CancellationToken cancellationToken = default)
    {
        var reply = await Client.ExecuteAsync(null, cancellationToken, "HGETALL", Prefix + "job:" + id);
        return ParseJob(reply);
    }

    /// <summary>
    /// A page of jobs in one state: waiting/prioritized/active in the order they will be (were)
    /// taken, delayed by due time, completed/failed newest first.
    /// </summary>
    public async Task<IReadOnlyList<JobInfo>> GetJobsAsync(JobState state, int offset = 0, int count = 50, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var key = Prefix + KeyOf(state);
        var last = offset + count - 1;
        var reply = state switch
        {
            // Lists are pushed on the left and taken from the right: the oldest is last.
            JobState.Waiting or JobState.Active => await Client.ExecuteAsync(null, cancellationToken, "LRANGE", key, -last - 1, -offset - 1),
            JobState.Completed or JobState.Failed => await Client.ExecuteAsync(null, cancellationToken, "ZREVRANGE", key, offset, last),
            _ => await Client.ExecuteAsync(null, cancellationToken, "ZRANGE", key, offset, last),
        };
        var ids = reply.Items.Select(i => i.AsString()!).ToList();
        if (state is JobState.Waiting or JobState.Active)
        {
            ids.Reverse();
        }

        var jobs = await Task.WhenAll(ids.Select(id => GetJobAsync(id, cancellationToken)));
        return [.. jobs.OfType<JobInfo>()];
    }

    public async Task<JobCounts> GetCountsAsync(CancellationToken cancellationToken = default)
    {
        var c = (await EvalAsync(QueueScripts.Counts, [], cancellationToken)).Items;
        return new JobCounts(c[0].AsInt64(), c[1].AsInt64(), c[2].AsInt64(), c[3].AsInt64(), c[4].AsInt64(), c[5].AsInt64(), c[6].AsInt64() == 1);
    }

    /// <summary>Stops workers from taking jobs (running ones finish); adds still work.</summary>
    public Task PauseAsync(CancellationToken cancellationToken = default) => EvalAsync(QueueScripts.Pause, ["1"], cancellationToken);

    public Task ResumeAsync(CancellationToken cancellationToken = default) => EvalAsync(QueueScripts.Pause, ["0"], cancellationToken);

    /// <summary>Moves one failed job back to waiting with its attempts reset; false when it is not failed.</summary>
    public async Task<bool> RetryAsync(string id, CancellationToken cancellationToken = default) =>
        (await EvalAsync(QueueScripts.Retry, [id, 1], cancellationToken)).AsInt64() == 1;

    /// <summary>Moves up to <paramref name="limit"/> failed jobs (oldest first) back to waiting; returns how many.</summary>
    public async Task<int> RetryAllFailedAsync(int limit = 1000, CancellationToken cancellationToken = default) =>
        (int)(await EvalAsync(QueueScripts.Retry, ["", limit], cancellationToken)).AsInt64();

    /// <summary>
    /// Deletes up to <paramref name="limit"/> jobs in <paramref name="state"/> that are older than
    /// <paramref name="grace"/> (finished time for completed/failed, creation time otherwise).
    /// </summary>
    public async Task<int> CleanAsync(JobState state, TimeSpan grace, int limit = 1000, CancellationToken cancellationToken = default)
    {
        if (state == JobState.Active)
        {
            throw new ArgumentException("Active jobs are owned by workers and cannot be cleaned.", nameof(state));
        }

        var reply = await EvalAsync(QueueScripts.Clean, [KeyOf(state) == "wait" ? "waiting" : KeyOf(state), (long)grace.TotalMilliseconds, limit], cancellationToken);
        return (int)reply.AsInt64();
    }

    /// <summary>Listens to this queue's events on <paramref name="subscriber"/> (a pub/sub connection).</summary>
    public Task<IAsyncDisposable> SubscribeAsync(RedisSubscriber subscriber, Action<QueueEvent> handler, CancellationToken cancellationToken = default) =>
        subscriber.SubscribeAsync(EventsChannel, (_, message) =>
        {
            var parts = Encoding.UTF8.GetString(message.Span).Split('\n', 3);
            handler(new QueueEvent(parts[0], parts.Length > 1 ? parts[1] : "", parts.Length > 2 ? parts[2] : ""));
        }, cancellationToken);

    internal Task<RedisReply> EvalAsync(RedisScript script, RedisArg[] args, CancellationToken cancellationToken)
    {
        var all = new RedisArg[args.Length + 1];
        all[0] = Prefix;
        args.CopyTo(all, 1);
        return Client.EvalAsync(script, Keys, all, cancellationToken);
    }

    private static RedisArg[] JobArgs(IReadOnlyList<NewJob> jobs)
    {
        var args = new RedisArg[1 + jobs.Count * 7];
        args[0] = jobs.Count;
        var at = 1;
        foreach (var job in jobs)
        {
            ArgumentException.ThrowIfNullOrEmpty(job.Id);
            var o = job.Options ?? JobOptions.Default;
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(o.Attempts);
            ArgumentOutOfRangeException.ThrowIfNegative(o.Priority);
            args[at++] = job.Id;
            args[at++] = job.Data;
            args[at++] = o.Attempts;
            args[at++] = (long)o.Delay.TotalMilliseconds;
            args[at++] = o.Priority;
            args[at++] = o.Backoff?.Encode() ?? "";
            args[at++] = o.TraceParent ?? Activity.Current?.Id ?? "";
        }

        return args;
    }

    private static string KeyOf(JobState state) => state switch
    {
        JobState.Waiting => "wait",
        JobState.Prioritized => "prioritized",
        JobState.Delayed => "delayed",
        JobState.Active => "active",
        JobState.Completed => "completed",
        JobState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    private static JobInfo? ParseJob(RedisReply reply)
    {
        if (reply.Items.Count == 0)
        {
            return null;
        }

        var fields = new Dictionary<string, RedisReply>(reply.Items.Count / 2);
        for (var i = 0; i + 1 < reply.Items.Count; i += 2)
        {
            fields[reply.Items[i].AsString()!] = reply.Items[i + 1];
        }

        string? Text(string name) => fields.TryGetValue(name, out var v) && v.AsString() is { Length: > 0 } s ? s : null;
        int Number(string name) => Text(name) is { } s ? (int)long.Parse(s, CultureInfo.InvariantCulture) : 0;
        DateTimeOffset? Time(string name) => Text(name) is { } s ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(s, CultureInfo.InvariantCulture)) : null;

        return new JobInfo(
            Text("id") ?? "",
            Text("st") switch
            {
                "prioritized" => JobState.Prioritized,
                "delayed" => JobState.Delayed,
                "active" => JobState.Active,
                "completed" => JobState.Completed,
                "failed" => JobState.Failed,
                _ => JobState.Waiting,
            },
            fields.TryGetValue("d", out var data) ? data.Bytes : default,
            Number("at"),
            Number("am"),
            Number("sc"),
            Number("pr"),
            Text("pg"),
            Text("rv"),
            Text("er"),
            Text("tp"),
            Time("ts") ?? default,
            Time("po"),
            Time("fo"));
    }
}
