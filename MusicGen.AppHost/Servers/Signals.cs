using System.Runtime.InteropServices;

namespace MusicGen.AppHost.Servers;

/// <summary>POSIX signals: .NET's Process only offers SIGKILL, and servers want SIGTERM/SIGINT to stop cleanly.</summary>
public static partial class Signals
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    public static bool Send(int pid, int signal) => kill(pid, signal) == 0;

    public static bool IsRoot => !OperatingSystem.IsWindows() && geteuid() == 0;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);

    [LibraryImport("libc")]
    private static partial uint geteuid();
}
