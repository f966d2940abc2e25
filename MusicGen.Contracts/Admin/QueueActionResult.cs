namespace MusicGen.Contracts.Admin;

/// <summary>How many generations or jobs an admin action touched.</summary>
public sealed record QueueActionResult(int Affected);
