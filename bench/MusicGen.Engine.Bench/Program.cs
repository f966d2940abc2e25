using BenchmarkDotNet.Running;
using MusicGen.Engine.Bench;

// "memory" and "lame" print the two figures BenchmarkDotNet cannot measure; anything else goes to BenchmarkDotNet.
switch (args.FirstOrDefault())
{
    case "memory":
        ExtraMeasurements.PeakMemory(
            args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 600,
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1);
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
