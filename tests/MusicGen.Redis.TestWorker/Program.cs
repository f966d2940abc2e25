using System.Globalization;
using System.Runtime.InteropServices;
using MusicGen.Redis;
using MusicGen.Redis.Queue;

// Usage: <connection string> <queue> <hang|soak> <concurrency> <lock ms> <stalled interval ms>
// hang: every job blocks until the process dies. soak: data "u" fails unrecoverably; data "k"
// fails the first k tries. Each successful run adds 1 to the job's field in test:{queue}:completions.
var connectionString = args[0];
var queueName = args[1];
var mode = args[2];
var options = new JobWorkerOptions
{
    Concurrency = int.Parse(args[3], CultureInfo.InvariantCulture),
    LockDuration = TimeSpan.FromMilliseconds(int.Parse(args[4], CultureInfo.InvariantCulture)),
    StalledInterval = TimeSpan.FromMilliseconds(int.Parse(args[5], CultureInfo.InvariantCulture)),
    PollInterval = TimeSpan.FromSeconds(1),
};

await using var client = await RedisClient.ConnectAsync(connectionString);
var queue = new JobQueue(client, queueName);
var completions = $"test:{{{queueName}}}:completions";

await using var worker = new JobWorker(queue, async (job, cancellationToken) =>
{
    if (mode == "hang")
    {
        await client.ExecuteAsync("HINCRBY", $"test:{{{queueName}}}:starts", job.Id, 1);
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    if (job.DataAsString == "u")
    {
        throw new UnrecoverableJobException("unrecoverable by script");
    }

    if (job.Attempt <= int.Parse(job.DataAsString, CultureInfo.InvariantCulture))
    {
        throw new InvalidOperationException($"transient failure on try {job.Attempt}");
    }

    await client.ExecuteAsync("HINCRBY", completions, job.Id, 1);
}, options);

var stop = new TaskCompletionSource();
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.TrySetResult();
});

await worker.StartAsync();
Console.WriteLine("ready");
await stop.Task;
await worker.StopAsync();
