namespace MusicGen.Web.Components.Shared;

public static class LocalUrl
{
    /// <summary>A return URL only if it stays on this site (no scheme, no host, no "//"): anything else is an open redirect.</summary>
    public static string OrHome(string? url, string fallback = "/") =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : fallback;
}
