using MusicGen.Engine;
using MusicGen.Engine.Plans;
using MusicGen.Engine.Scores;

namespace MusicGen.Core.Generations;

/// <summary>
/// A generation as a request to MusicGen.Engine, one variation at a time. The engine is deterministic, so
/// the same generation, variant and seed render the same audio again: that is how another format, the
/// stems or the MIDI of a local-engine track are made later on request, without keeping a lossless master.
/// </summary>
public static class EngineRequests
{
    /// <summary>The generation's seed, or one derived from its id when the client gave none (stable across attempts).</summary>
    public static ulong SeedOf(Generation generation) =>
        generation.Seed is { } seed ? unchecked((ulong)seed) : BitConverter.ToUInt64(generation.Id.ToByteArray(), 0) >> 1;

    /// <summary>The engine request for variant <paramref name="variant"/> (seed + variant, as the engine numbers its takes).</summary>
    /// <exception cref="ArgumentException">The stored composition plan is not a valid plan.</exception>
    public static GenerationRequest ForVariant(Generation generation, int variant, string? outputFormat = null, bool stems = false, bool midi = false) => new()
    {
        Prompt = generation.CompositionPlan is null ? generation.Prompt : null,
        Plan = generation.CompositionPlan is { } plan ? CompositionPlan.FromJson(plan) : null,
        LengthSeconds = generation.LengthMs / 1000.0,
        Seed = unchecked(SeedOf(generation) + (ulong)variant),
        Variations = 1,
        OutputFormat = outputFormat ?? generation.OutputFormat,
        IncludeStems = stems,
        IncludeMidi = midi,
    };

    /// <summary>The genre id the engine reads in the generation's prompt or plan (whichever provider renders it); null when neither parses.</summary>
    public static string? GenreOf(Generation generation)
    {
        try
        {
            return GenreNames.Id(MusicEngine.Understand(ForVariant(generation, 0)).Genre);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
