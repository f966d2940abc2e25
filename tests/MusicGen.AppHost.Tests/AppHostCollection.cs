namespace MusicGen.AppHost.Tests;

/// <summary>Whole-stack runs go one at a time: each starts three servers and three services on a 2-core machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AppHostCollection
{
    public const string Name = "AppHost";
}
