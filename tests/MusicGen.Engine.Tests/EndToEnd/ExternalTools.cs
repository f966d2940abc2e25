using System.Diagnostics;
using MusicGen.Testing;

namespace MusicGen.Engine.Tests.EndToEnd;

/// <summary>Runs ffmpeg/ffprobe as independent checkers (never as part of the engine).</summary>
public static class ExternalTools
{
    public static string Require(string name)
    {
        var path = ExternalServices.FindExecutable(name);
        if (path is null)
        {
            ExternalServices.Unavailable($"{name} not found on PATH (Debian package ffmpeg)");
        }

        return path!;
    }

    public static string Run(string executable, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        process.WaitForExitAsync(cancellationToken).Wait(TimeSpan.FromMinutes(2), cancellationToken);
        return output.Result + error.Result;
    }
}
