namespace MusicGen.Web.EndToEndTests;

/// <summary>One stack for every browser test, run one test at a time (a whole graph and a browser on a small machine).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StackCollection : ICollectionFixture<StackFixture>
{
    public const string Name = "Stack";
}
