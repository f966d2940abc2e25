using System.CommandLine;
using MusicGen.Cli;

var root = new RootCommand("MusicGen: turn a prompt into a finished, mastered song, offline.") { RenderCommand.Create() };
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (ArgumentException error)
{
    Console.Error.WriteLine($"error: {error.Message}");
    return 2;
}
catch (DllNotFoundException error)
{
    Console.Error.WriteLine($"error: {error.Message}");
    return 3;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("cancelled");
    return 130;
}
