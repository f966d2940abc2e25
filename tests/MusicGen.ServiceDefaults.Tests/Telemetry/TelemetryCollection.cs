namespace MusicGen.ServiceDefaults.Tests.Telemetry;

/// <summary>
/// Activity sources are process-wide: while a telemetry test listens, spans of tests running beside it
/// would reach its collector. Tests in this collection run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}
