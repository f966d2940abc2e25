using System.ComponentModel.DataAnnotations;

namespace MusicGen.Contracts.Plans;

/// <summary>Asks for the plan the engine would follow for <see cref="Prompt"/> at <see cref="LengthMs"/> (3,000–600,000; default from the prompt, else 30 s).</summary>
public sealed record PlanRequest([property: Required, MaxLength(4100)] string Prompt, int? LengthMs = null);
