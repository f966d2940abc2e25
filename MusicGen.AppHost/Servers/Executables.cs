namespace MusicGen.AppHost.Servers;

/// <summary>
/// Finds server binaries: on PATH first, then (unless <c>AppHost:SearchWellKnownLocations=false</c>) where
/// Debian and this repository put them — Postgres keeps its binaries in /usr/lib/postgresql/&lt;v&gt;/bin, off PATH.
/// </summary>
public sealed class Executables(bool searchWellKnownLocations, string repositoryRoot)
{
    public string? Find(string name)
    {
        foreach (var dir in Directories())
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private IEnumerable<string> Directories()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            yield return dir;
        }

        if (!searchWellKnownLocations)
        {
            yield break;
        }

        yield return Path.Combine(repositoryRoot, "tools", "node_modules", ".bin");
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            var versions = Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .OrderByDescending(d => d.Version);
            foreach (var (dir, _) in versions)
            {
                yield return Path.Combine(dir, "bin");
            }
        }
    }
}
