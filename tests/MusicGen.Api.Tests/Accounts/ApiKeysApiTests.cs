using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using MusicGen.Api.Tests.Infrastructure;
using MusicGen.Contracts.Accounts;
using MusicGen.Core.Data;
using MusicGen.Testing.Postgres;

namespace MusicGen.Api.Tests.Accounts;

public sealed class ApiKeysApiTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task CreatedKeyAuthenticatesInBothHeadersAndStopsAtOnceWhenRevoked(DatabaseProvider provider)
    {
        await using var factory = await ApiFactory.CreateAsync(provider, postgres);
        using var owner = await factory.CreateUserClientAsync();
        var created = await (await owner.PostAsJsonAsync("/api/v1/api-keys", new CreateApiKeyRequest("ci"), Ct)).Content.ReadFromJsonAsync<ApiKeyCreated>(Ct);
        created!.Key.ShouldStartWith("mg_");
        using var keyClient = factory.CreateClient();

        (await GetMeWithKeyAsync(keyClient, created.Key, asBearer: false)).ShouldBe(HttpStatusCode.OK);
        (await GetMeWithKeyAsync(keyClient, created.Key, asBearer: true)).ShouldBe(HttpStatusCode.OK);
        (await owner.DeleteAsync($"/api/v1/api-keys/{created.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await GetMeWithKeyAsync(keyClient, created.Key, asBearer: false)).ShouldBe(HttpStatusCode.Unauthorized);
        (await GetMeWithKeyAsync(keyClient, created.Key, asBearer: true)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ListShowsPrefixesButNeverTheKey()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, postgres);
        using var owner = await factory.CreateUserClientAsync();
        var created = await (await owner.PostAsJsonAsync("/api/v1/api-keys", new CreateApiKeyRequest("laptop"), Ct)).Content.ReadFromJsonAsync<ApiKeyCreated>(Ct);

        var listText = await owner.GetStringAsync("/api/v1/api-keys", Ct);
        var list = await owner.GetFromJsonAsync<List<ApiKeySummary>>("/api/v1/api-keys", Ct);

        list!.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            k => k.Name.ShouldBe("laptop"),
            k => k.Prefix.ShouldBe(created!.Key[..10]),
            k => k.RevokedAt.ShouldBeNull());
        listText.ShouldNotContain(created!.Key);
    }

    [Fact]
    public async Task OtherUserCannotSeeOrRevokeYourKey()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, postgres);
        using var owner = await factory.CreateUserClientAsync();
        using var intruder = await factory.CreateUserClientAsync();
        var created = await (await owner.PostAsJsonAsync("/api/v1/api-keys", new CreateApiKeyRequest("mine"), Ct)).Content.ReadFromJsonAsync<ApiKeyCreated>(Ct);

        var revoke = await intruder.DeleteAsync($"/api/v1/api-keys/{created!.Id}", Ct);
        var list = await intruder.GetFromJsonAsync<List<ApiKeySummary>>("/api/v1/api-keys", Ct);

        revoke.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        list.ShouldBeEmpty();
        using var keyClient = factory.CreateClient();
        (await GetMeWithKeyAsync(keyClient, created.Key, asBearer: false)).ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("""{"name":""}""")]
    [InlineData("""{}""")]
    public async Task CreateWithoutNameReturnsValidationProblemNamingName(string body)
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, postgres);
        using var owner = await factory.CreateUserClientAsync();

        var response = await owner.PostAsync("/api/v1/api-keys", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "name");
    }

    [Fact]
    public async Task UnknownKeyIsRejected()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, postgres);
        using var client = factory.CreateClient();

        (await GetMeWithKeyAsync(client, "mg_not-a-real-key", asBearer: true)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static async Task<HttpStatusCode> GetMeWithKeyAsync(HttpClient client, string key, bool asBearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        if (asBearer)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        else
        {
            request.Headers.Add("X-API-Key", key);
        }

        return (await client.SendAsync(request, Ct)).StatusCode;
    }
}
