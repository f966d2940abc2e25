using MusicGen.Engine.Prompting;

namespace MusicGen.Engine;

/// <summary>The brief as understood and one track per variation.</summary>
public sealed record GenerationResult(MusicBrief Brief, IReadOnlyList<GeneratedTrack> Tracks);
