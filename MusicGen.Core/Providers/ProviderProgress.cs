namespace MusicGen.Core.Providers;

/// <summary>Where a provider is: a stage (<c>composing</c>, <c>rendering</c>, <c>encoding</c>) and the fraction of its work done (0–1).</summary>
public readonly record struct ProviderProgress(string Stage, double Fraction);
