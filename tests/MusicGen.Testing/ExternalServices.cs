using Xunit;

namespace MusicGen.Testing;

/// <summary>
/// Decides what a test does when a real server it needs is missing: skip with the reason on a
/// developer machine, fail when <c>MUSICGEN_REQUIRE_SERVICES=1</c> (set by CI), so a missing server
/// can never turn a red run green.
/// </summary>
public static class ExternalServices
{
    public const string RequireVariable = "MUSICGEN_REQUIRE_SERVICES";

    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Skips (or fails, when services are required) the current test with <paramref name="reason"/>.</summary>
    public static void Unavailable(string reason)
    {
        if (Required)
        {
            Assert.Fail($"{reason} ({RequireVariable}=1, so a missing server is a failure)");
        }

        Assert.Skip(reason);
    }

    /// <summary>Finds an executable on PATH (and in the extra directories given), or null.</summary>
    public static string? FindExecutable(string name, params string[] extraDirectories)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Concat(extraDirectories))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The repository root (the folder holding MusicGen.sln), found from the test's base directory.</summary>
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MusicGen.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("MusicGen.sln not found above " + AppContext.BaseDirectory);
    }
}
