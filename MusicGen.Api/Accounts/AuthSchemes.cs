namespace MusicGen.Api.Accounts;

public static class AuthSchemes
{
    /// <summary>Picks one of the others from the request: API key, our own JWT, or an external provider's JWT.</summary>
    public const string Default = "musicgen";
    public const string Local = "local";
    public const string External = "oidc";
    public const string ApiKey = "apikey";
    public const string ApiKeyHeader = "X-API-Key";
    public const string AdminPolicy = "admin";
}
