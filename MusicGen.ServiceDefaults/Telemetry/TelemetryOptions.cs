namespace MusicGen.ServiceDefaults.Telemetry;

/// <summary>
/// Which activity sources and meters the host listens to. Projects add their own with
/// <c>builder.Services.Configure&lt;TelemetryOptions&gt;(o =&gt; o.ActivitySources.Add("…"))</c>;
/// names may end in <c>*</c>, so every <c>MusicGen.*</c> source and meter is already included.
/// </summary>
public sealed class TelemetryOptions
{
    public ISet<string> ActivitySources { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "Microsoft.AspNetCore",
        "System.Net.Http",
        "MusicGen.*",
    };

    public ISet<string> Meters { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        // What the ASP.NET Core, HttpClient and runtime instrumentation packages add on .NET 9+.
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Components",
        "Microsoft.AspNetCore.Components.Server.Circuits",
        "Microsoft.AspNetCore.Components.Lifecycle",
        "Microsoft.AspNetCore.Authorization",
        "Microsoft.AspNetCore.Authentication",
        "Microsoft.AspNetCore.Identity",
        "Microsoft.AspNetCore.MemoryPool",
        "System.Net.Http",
        "System.Net.NameResolution",
        "System.Runtime",
        "MusicGen.*",
    };
}
