using MusicGen.MigrationService;

var builder = Host.CreateApplicationBuilder(args);
try
{
    builder.AddApplicationServices();
}
catch (InvalidOperationException e)
{
    // Bad configuration: one readable line beats a stack trace.
    Console.Error.WriteLine(e.Message);
    return 2;
}

using var host = builder.Build();
await host.RunAsync();
return Environment.ExitCode;
