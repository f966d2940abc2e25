namespace MusicGen.Contracts.Admin;

/// <summary>
/// The generation queue as Redis holds it (<see cref="Queue"/>, null when Redis cannot be reached),
/// generations per status as the database holds them, and throughput.
/// </summary>
public sealed record QueueOverview(QueueCountsResponse? Queue, string? QueueError, IReadOnlyDictionary<string, int> Generations, ThroughputResponse Throughput);
