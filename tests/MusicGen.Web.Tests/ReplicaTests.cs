using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MusicGen.Contracts.Generations;
using MusicGen.Redis;
using MusicGen.Testing.Redis;

namespace MusicGen.Web.Tests;

/// <summary>Several Web replicas behind one load balancer: with a shared Redis, a sign-in on one is a sign-in on all.</summary>
public sealed class ReplicaTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReplicasSharingRedisAcceptEachOthersCookieAndSessionWhileAReplicaWithoutItDoesNot()
    {
        var accounts = new FakeAccounts();
        await using var api = await FakeApi.StartAsync(app =>
        {
            accounts.Map(app);
            app.MapGet("/api/v1/generations", (HttpRequest request) =>
            {
                accounts.Record(request);
                return Results.Ok(new GenerationPage([], 1, 10, 0));
            });
        });
        var shared = new Dictionary<string, string?> { ["ConnectionStrings:cache"] = redis.ConnectionString };
        await using var first = WebHost.Start(api.Address, shared);
        await using var second = WebHost.Start(api.Address, shared);
        await using var alone = WebHost.Start(api.Address);
        using var browser = first.Browser();

        using var signIn = await browser.PostFormAsync("/signin", "signin", new() { ["Input.Email"] = "ada@example.com", ["Input.Password"] = "correct horse battery" });
        var cookie = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Where(c => c.StartsWith("musicgen.auth", StringComparison.Ordinal)).Select(c => c.Split(';')[0]));
        using var onSecond = await GetLibraryAsync(second, cookie);
        using var onAlone = await GetLibraryAsync(alone, cookie);

        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        cookie.ShouldStartWith("musicgen.auth=");
        onSecond.StatusCode.ShouldBe(HttpStatusCode.OK, await onSecond.Content.ReadAsStringAsync(Ct));
        (await onSecond.Content.ReadAsStringAsync(Ct)).ShouldContain("Nothing here yet");
        // The second replica found the first one's API session in Redis: it refreshed the token the first one stored.
        accounts.RefreshTokensPresented.ShouldBe([FakeAccounts.FirstRefreshToken]);
        accounts.BearerTokens.ShouldContain($"Bearer {FakeAccounts.RefreshedAccessToken}");
        onAlone.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        onAlone.Headers.Location!.AbsolutePath.ShouldBe("/signin");
    }

    [Fact]
    public async Task SessionsAndDataProtectionKeysLiveInRedis()
    {
        await using var api = await FakeApi.StartAsync(new FakeAccounts().Map);
        await using var web = WebHost.Start(api.Address, new Dictionary<string, string?> { ["ConnectionStrings:cache"] = redis.ConnectionString });
        using var browser = web.Browser();
        await browser.SignInAsync();

        var client = web.Services.GetRequiredService<RedisClient>();
        var keys = await client.ExecuteAsync("LLEN", "musicgen:web:data-protection-keys");
        var sessions = await client.ExecuteAsync("KEYS", "musicgen:web:session:*");

        keys.AsInt64().ShouldBeGreaterThan(0);
        sessions.Items.ShouldNotBeEmpty();
        (await client.ExecuteAsync("PTTL", sessions.Items[0].AsString()!)).AsInt64().ShouldBeGreaterThan(0, "a session expires with its refresh token");
    }

    private static async Task<HttpResponseMessage> GetLibraryAsync(WebApplicationFactory<Program> web, string cookie)
    {
        using var client = web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/library") { Headers = { { "Cookie", cookie } } };
        return await client.SendAsync(request, Ct);
    }
}
