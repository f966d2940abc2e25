using System.Diagnostics;
using System.Globalization;
using MusicGen.Redis;
using MusicGen.Redis.Queue;

// Queue benchmark, the same four figures as bench/bullmq-bench.mjs, printed one per line as
// "<figure> <value>". Usage: MusicGen.Redis.Bench <connection string> [jobs]
var connectionString = args.Length > 0 ? args[0] : "127.0.0.1:6379";
var jobs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
var payload = "{\"prompt\":\"lofi beat\",\"seconds\":30}"u8.ToArray();

await using var client = await RedisClient.ConnectAsync(connectionString);

var bulkQueue = new JobQueue(client, "bench-bulk-" + Guid.NewGuid().ToString("N")[..8]);
var watch = Stopwatch.StartNew();
foreach (var chunk in Enumerable.Range(0, jobs).Chunk(1000))
{
    await bulkQueue.AddBulkAsync([.. chunk.Select(i => new NewJob("j" + i, payload))]);
}

Report("bulk_add_per_s", jobs / watch.Elapsed.TotalSeconds);

var latencyQueue = new JobQueue(client, "bench-add-" + Guid.NewGuid().ToString("N")[..8]);
var samples = new double[Math.Min(jobs, 10_000)];
for (var i = 0; i < samples.Length; i++)
{
    var started = Stopwatch.GetTimestamp();
    await latencyQueue.AddAsync("j" + i, payload);
    samples[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
}

Array.Sort(samples);
Report("add_latency_p50_us", samples[samples.Length / 2]);
Report("add_latency_p99_us", samples[(int)(samples.Length * 0.99)]);

foreach (var concurrency in new[] { 1, 16 })
{
    var queue = new JobQueue(client, $"bench-c{concurrency}-" + Guid.NewGuid().ToString("N")[..8]);
    foreach (var chunk in Enumerable.Range(0, jobs).Chunk(1000))
    {
        await queue.AddBulkAsync([.. chunk.Select(i => new NewJob("j" + i, payload))]);
    }

    var done = 0;
    var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    await using var worker = new JobWorker(queue, (_, _) =>
    {
        if (Interlocked.Increment(ref done) == jobs)
        {
            finished.TrySetResult();
        }

        return Task.CompletedTask;
    }, new JobWorkerOptions { Concurrency = concurrency });
    watch.Restart();
    await worker.StartAsync();
    await finished.Task;
    Report($"process_c{concurrency}_jobs_per_s", jobs / watch.Elapsed.TotalSeconds);
}

static void Report(string figure, double value) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{figure} {value:F1}"));
