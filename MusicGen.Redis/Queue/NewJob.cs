namespace MusicGen.Redis.Queue;

/// <summary>One job of a bulk add.</summary>
public sealed record NewJob(string Id, ReadOnlyMemory<byte> Data, JobOptions? Options = null);

/// <summary>The outcome of an add: <see cref="Created"/> is false when a job with that id already existed (nothing changed).</summary>
public sealed record JobAddResult(string Id, bool Created);
