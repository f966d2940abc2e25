namespace MusicGen.Engine;

/// <summary>Progress of a generation: the variation being worked on and the overall fraction done (0–1).</summary>
public readonly record struct GenerationProgress(int Variation, int Variations, string Stage, double Fraction);
