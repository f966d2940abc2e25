namespace MusicGen.Api.Accounts;

public sealed class OidcOptions
{
    public string? Authority { get; set; }

    public string? Audience { get; set; }

    /// <summary>Allows an <c>http://</c> authority (local test providers only).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
