using System.Runtime.InteropServices;

namespace MusicGen.Testing;

/// <summary>POSIX signals for child processes (.NET only offers SIGKILL through Process.Kill).</summary>
public static partial class Signals
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;
    public const int SigStop = 19;
    public const int SigCont = 18;

    public static bool Send(int pid, int signal) => kill(pid, signal) == 0;

    public static bool Terminate(int pid) => Send(pid, SigTerm);

    public static bool Interrupt(int pid) => Send(pid, SigInt);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);
}
