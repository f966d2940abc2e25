namespace MusicGen.Engine.Composition;

/// <summary>A drum voice with its one-bar 16-step grid (x hit, g ghost, o open/accent, . rest) and the energies where it plays.</summary>
public sealed record DrumLayer(int Note, string Grid, double MinEnergy, double MaxEnergy = 1.01, int Velocity = 100);
