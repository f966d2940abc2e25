namespace MusicGen.Engine.Mastering;

/// <summary>What the master did: final integrated loudness, true peak and the gain that got it there.</summary>
public sealed record MasteringReport(double IntegratedLufs, double TruePeakDbtp, double GainDb);
