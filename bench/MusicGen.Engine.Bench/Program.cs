using BenchmarkDotNet.Running;
using MusicGen.Engine.Bench;

// "memory" and "lame" print the two figures BenchmarkDotNet cannot measure; anything else goes to BenchmarkDotNet.
switch (args.FirstOrDefault())
{
    case "memory":
        ExtraMeasurements.PeakMemory();
        break;
    case "profile":
        StageProfile.Run(args);
        break;
    case "lame":
        ExtraMeasurements.CompareWithLame();
        break;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(RenderBenchmarks).Assembly).Run(args);
        break;
}
