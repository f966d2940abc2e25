using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using MusicGen.Api.Tests.Infrastructure;
using MusicGen.Contracts.Accounts;
using MusicGen.Core.Data;
using MusicGen.Testing.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace MusicGen.Api.Tests.Accounts;

/// <summary>The API configured with an external provider's authority and audience, against a real (fake) provider over HTTP.</summary>
public sealed class OidcAuthenticationTests(PostgresServer postgres)
{
    private const string Audience = "musicgen-test-api";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task ProviderTokenIsAcceptedAndProvisionsTheSubjectOnce(DatabaseProvider provider)
    {
        await using var oidc = await FakeOidcProvider.StartAsync();
        await using var factory = await CreateFactoryAsync(provider, oidc);
        using var client = factory.CreateClient();
        var token = oidc.Issue("user_2abc", Audience, email: "Ext.User@Example.com");

        var first = await GetMeAsync(client, token);
        var second = await GetMeAsync(client, oidc.Issue("user_2abc", Audience));
        var apiKey = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/api-keys") { Content = JsonContent.Create(new CreateApiKeyRequest("from oidc")) }.Bearer(token), Ct);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        var me = (await first.Content.ReadFromJsonAsync<MeResponse>(Ct))!;
        (await second.Content.ReadFromJsonAsync<MeResponse>(Ct))!.Id.ShouldBe(me.Id);
        me.Email.ShouldBe("ext.user@example.com");
        apiKey.StatusCode.ShouldBe(HttpStatusCode.Created);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = await scope.ServiceProvider.GetRequiredService<MusicDbContext>().Users.AsNoTracking().Where(u => u.ExternalSubject == "user_2abc").ToListAsync(Ct);
        users.ShouldHaveSingleItem().ShouldSatisfyAllConditions(u => u.Id.ShouldBe(me.Id), u => u.ExternalIssuer.ShouldBe(oidc.Authority));
    }

    [Fact]
    public async Task ConcurrentFirstRequestsOfANewSubjectCreateOneUser()
    {
        await using var oidc = await FakeOidcProvider.StartAsync();
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Postgres, oidc);
        using var client = factory.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => GetMeAsync(client, oidc.Issue("user_race", Audience))));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        await using var scope = factory.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<MusicDbContext>().Users.CountAsync(u => u.ExternalSubject == "user_race", Ct)).ShouldBe(1);
    }

    public enum Forgery
    {
        WrongAudience,
        Expired,
        OtherKey,
    }

    [Theory]
    [InlineData(Forgery.WrongAudience)]
    [InlineData(Forgery.Expired)]
    [InlineData(Forgery.OtherKey)]
    public async Task ForgedProviderTokenIsRejectedAndProvisionsNobody(Forgery forgery)
    {
        await using var oidc = await FakeOidcProvider.StartAsync();
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Sqlite, oidc);
        using var client = factory.CreateClient();
        var token = forgery switch
        {
            Forgery.WrongAudience => oidc.Issue("user_forged", "another-api"),
            Forgery.Expired => oidc.Issue("user_forged", Audience, expired: true),
            _ => oidc.Issue("user_forged", Audience, signingKey: new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key-1" }),
        };

        var response = await GetMeAsync(client, token);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await using var scope = factory.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<MusicDbContext>().Users.AnyAsync(u => u.ExternalSubject == "user_forged", Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task LocalAccountsStillWorkWithOidcEnabled()
    {
        await using var oidc = await FakeOidcProvider.StartAsync();
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Sqlite, oidc);
        using var client = await factory.CreateUserClientAsync();

        (await client.GetAsync("/api/v1/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private Task<ApiFactory> CreateFactoryAsync(DatabaseProvider provider, FakeOidcProvider oidc) =>
        ApiFactory.CreateAsync(provider, postgres, new Dictionary<string, string?>
        {
            ["Auth:Oidc:Authority"] = oidc.Authority,
            ["Auth:Oidc:Audience"] = Audience,
            ["Auth:Oidc:RequireHttpsMetadata"] = "false",
        });

    private static Task<HttpResponseMessage> GetMeAsync(HttpClient client, string token) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/me").Bearer(token), Ct);
}
