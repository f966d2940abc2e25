namespace MusicGen.Engine.Scores;

/// <summary>
/// One instrument's line. Mix settings are the composer's intent; the renderer applies them.
/// <see cref="Gain"/> is linear (1 = nominal), <see cref="Pan"/> −1…1, sends 0…1;
/// <see cref="Sidechain"/> ducks the part under the kick.
/// </summary>
public sealed record Part(string Name, Instrument Instrument, StemGroup Stem, IReadOnlyList<Note> Notes)
{
    public double Gain { get; init; } = 1.0;
    public double Pan { get; init; }
    public double ReverbSend { get; init; } = 0.15;
    public double DelaySend { get; init; }
    public bool Sidechain { get; init; }
}
