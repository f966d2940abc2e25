using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using MusicGen.Contracts;

namespace MusicGen.Web.Accounts;

/// <summary>
/// Adds the signed-in person's API access token to every call of the typed client, refreshing it shortly
/// before it expires. Refreshes of one session are serialised: the API treats a refresh token presented
/// twice as stolen and ends the whole sign-in.
/// </summary>
public sealed class ApiAccessTokenHandler(
    IHttpContextAccessor httpContextAccessor,
    ApiSessionStore sessions,
    IHttpClientFactory httpClientFactory,
    TimeProvider time) : DelegatingHandler
{
    /// <summary>The client name of calls made without a person's token (sign-in, refresh).</summary>
    public const string AnonymousClient = "api-anonymous";

    private static readonly TimeSpan RefreshAhead = TimeSpan.FromSeconds(60);
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> RefreshLocks = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sessionId = httpContextAccessor.HttpContext?.User.GetSessionId();
        if (sessionId is null)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var session = await GetFreshAsync(sessionId, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            throw new ApiSessionEndedException("The API no longer accepts this sign-in.");
        }

        return response;
    }

    private async Task<ApiSession> GetFreshAsync(string sessionId, CancellationToken cancellationToken)
    {
        var session = await sessions.GetAsync(sessionId, cancellationToken) ?? throw new ApiSessionEndedException("The sign-in is no longer known to this server.");
        if (session.AccessTokenExpiresAt - RefreshAhead > time.GetUtcNow())
        {
            return session;
        }

        var gate = RefreshLocks.GetOrAdd(sessionId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Another request of this session may have refreshed while this one waited.
            session = await sessions.GetAsync(sessionId, cancellationToken) ?? throw new ApiSessionEndedException("The sign-in is no longer known to this server.");
            if (session.AccessTokenExpiresAt - RefreshAhead > time.GetUtcNow())
            {
                return session;
            }

            var client = new MusicGenClient(httpClientFactory.CreateClient(AnonymousClient));
            try
            {
                var tokens = await client.RefreshAsync(session.RefreshToken, cancellationToken);
                session = tokens.ToSession(time);
                await sessions.SetAsync(sessionId, session, cancellationToken);
                return session;
            }
            catch (MusicGenApiException e) when (e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest)
            {
                await sessions.RemoveAsync(sessionId, cancellationToken);
                throw new ApiSessionEndedException(e.Detail ?? e.Title);
            }
        }
        finally
        {
            gate.Release();
        }
    }
}
