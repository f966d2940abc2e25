using System.Net.Http.Json;
using MusicGen.Contracts.Accounts;

namespace MusicGen.Contracts;

public sealed partial class MusicGenClient
{
    public Task<TokenResponse> RegisterAsync(RegisterRequest request, CancellationToken cancellationToken = default) =>
        SendForAsync<TokenResponse>(new HttpRequestMessage(HttpMethod.Post, Relative("api/v1/auth/register")) { Content = JsonContent.Create(request) }, cancellationToken);

    /// <summary>Throws <see cref="MusicGenApiException"/> (401) when the email or password is wrong.</summary>
    public Task<TokenResponse> LoginAsync(LoginRequest request, CancellationToken cancellationToken = default) =>
        SendForAsync<TokenResponse>(new HttpRequestMessage(HttpMethod.Post, Relative("api/v1/auth/login")) { Content = JsonContent.Create(request) }, cancellationToken);

    /// <summary>Exchanges a single-use refresh token; 401 means the sign-in is over.</summary>
    public Task<TokenResponse> RefreshAsync(string refreshToken, CancellationToken cancellationToken = default) =>
        SendForAsync<TokenResponse>(new HttpRequestMessage(HttpMethod.Post, Relative("api/v1/auth/refresh")) { Content = JsonContent.Create(new RefreshRequest(refreshToken)) }, cancellationToken);

    public Task LogoutAsync(string refreshToken, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, Relative("api/v1/auth/logout")) { Content = JsonContent.Create(new RefreshRequest(refreshToken)) }, cancellationToken);

    public Task<MeResponse> GetMeAsync(CancellationToken cancellationToken = default) =>
        SendForAsync<MeResponse>(new HttpRequestMessage(HttpMethod.Get, Relative("api/v1/me")), cancellationToken);

    public Task<ApiKeyCreated> CreateApiKeyAsync(CreateApiKeyRequest request, CancellationToken cancellationToken = default) =>
        SendForAsync<ApiKeyCreated>(new HttpRequestMessage(HttpMethod.Post, Relative("api/v1/api-keys")) { Content = JsonContent.Create(request) }, cancellationToken);

    public Task<List<ApiKeySummary>> ListApiKeysAsync(CancellationToken cancellationToken = default) =>
        SendForAsync<List<ApiKeySummary>>(new HttpRequestMessage(HttpMethod.Get, Relative("api/v1/api-keys")), cancellationToken);

    public Task RevokeApiKeyAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Delete, Relative($"api/v1/api-keys/{id}")), cancellationToken);
}
