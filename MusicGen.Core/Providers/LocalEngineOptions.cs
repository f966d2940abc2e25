using System.ComponentModel.DataAnnotations;

namespace MusicGen.Core.Providers;

/// <summary>The <c>local</c> provider's budget (section <c>Providers:Local</c>).</summary>
public sealed class LocalEngineOptions
{
    public const string SectionName = "Providers:Local";

    /// <summary>
    /// Variations rendered at once across all generations of this process: a render keeps one core busy,
    /// so more than the processor count only adds memory. Defaults to the processor count.
    /// </summary>
    [Range(1, 256)]
    public int MaxParallelRenders { get; set; } = Environment.ProcessorCount;
}
