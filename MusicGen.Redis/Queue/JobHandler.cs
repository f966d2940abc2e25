namespace MusicGen.Redis.Queue;

/// <summary>
/// Runs one job. Return to complete it; throw to fail this try (retried while attempts remain),
/// or throw <see cref="UnrecoverableJobException"/> to fail it for good. The token is cancelled
/// when the worker lost the job's lock or was told to stop without waiting.
/// </summary>
public delegate Task JobHandler(JobContext job, CancellationToken cancellationToken);
