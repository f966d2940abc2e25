using System.Net;
using System.Net.Http.Json;
using MusicGen.Api.Tests.Infrastructure;
using MusicGen.Contracts.Accounts;
using MusicGen.Core.Data;
using MusicGen.Testing.Postgres;

namespace MusicGen.Api.Tests.Accounts;

public sealed class AccountsApiTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task RegisterAndLoginIssueTokensForTheSameUserFirstBeingAdmin(DatabaseProvider provider)
    {
        await using var factory = await ApiFactory.CreateAsync(provider, postgres);
        using var client = factory.CreateClient();
        var first = await client.RegisterAsync("First@Example.com");
        await client.RegisterAsync("second@example.com");

        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest("second@example.com", "correct horse battery"), Ct);
        var tokens = (await login.Content.ReadFromJsonAsync<TokenResponse>(Ct))!;

        (await MeAsync(client, first.AccessToken)).ShouldSatisfyAllConditions(
            me => me.Email.ShouldBe("first@example.com"),
            me => me.Role.ShouldBe("admin"));
        (await MeAsync(client, tokens.AccessToken)).ShouldSatisfyAllConditions(
            me => me.Email.ShouldBe("second@example.com"),
            me => me.Role.ShouldBe("user"),
            me => me.MonthlyQuotaSeconds.ShouldBe(3600),
            me => me.UsedSecondsThisMonth.ShouldBe(0));
        tokens.TokenType.ShouldBe("Bearer");
        tokens.ExpiresIn.ShouldBe(15 * 60);
    }

    [Fact]
    public async Task RegisterConfiguredAdminEmailGetsAdminRole()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, postgres, new Dictionary<string, string?> { ["Auth:AdminEmails:0"] = "boss@example.com" });
        using var client = factory.CreateClient();
        await client.RegisterAsync();

        var boss = await client.RegisterAsync("boss@example.com");

        (await MeAsync(client, boss.AccessToken)).Role.ShouldBe("admin");
    }

    [Fact]
    public async Task RegisterTakenEmailReturnsConflictNamingEmail()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, postgres);
        using var client = factory.CreateClient();
        await client.RegisterAsync("taken@example.com");

        var response = await client.PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest("TAKEN@example.com", "another password"), Ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "email");
    }

    [Theory]
    [InlineData("""{"email":"not-an-email","password":"long enough pw"}""", "email")]
    [InlineData("""{"email":"a@example.com","password":"short"}""", "password")]
    [InlineData("""{"password":"long enough pw"}""", "email")]
    [InlineData("""{"email":"a@example.com"}""", "password")]
    public async Task RegisterInvalidBodyReturnsValidationProblemNamingField(string body, string field)
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, postgres);
        using var client = factory.CreateClient();

        var response = await client.PostAsync("/api/v1/auth/register", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task RegisterMalformedJsonReturnsBadRequestProblem()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, postgres);
        using var client = factory.CreateClient();

        var response = await client.PostAsync("/api/v1/auth/register", new StringContent("{\"email\":", System.Text.Encoding.UTF8, "application/json"), Ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("known@example.com", "wrong password")]
    [InlineData("unknown@example.com", "correct horse battery")]
    public async Task LoginWithWrongCredentialsReturnsUnauthorizedProblem(string email, string password)
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, postgres);
        using var client = factory.CreateClient();
        await client.RegisterAsync("known@example.com");

        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(email, password), Ct);

        (await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString().ShouldBe("The email or the password is wrong.");
    }

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task RefreshRotatesTokenAndReuseRevokesTheWholeSignIn(DatabaseProvider provider)
    {
        await using var factory = await ApiFactory.CreateAsync(provider, postgres);
        using var client = factory.CreateClient();
        var first = await client.RegisterAsync();

        var rotated = await client.PostAsJsonAsync("/api/v1/auth/refresh", new RefreshRequest(first.RefreshToken), Ct);
        rotated.StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = (await rotated.Content.ReadFromJsonAsync<TokenResponse>(Ct))!;
        second.RefreshToken.ShouldNotBe(first.RefreshToken);
        (await MeAsync(client, second.AccessToken)).Email.ShouldNotBeNull();

        var replay = await client.PostAsJsonAsync("/api/v1/auth/refresh", new RefreshRequest(first.RefreshToken), Ct);
        var afterReplay = await client.PostAsJsonAsync("/api/v1/auth/refresh", new RefreshRequest(second.RefreshToken), Ct);

        await replay.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await afterReplay.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task LogoutRevokesTheRefreshToken()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, postgres);
        using var client = factory.CreateClient();
        var tokens = await client.RegisterAsync();

        var logout = await client.PostAsJsonAsync("/api/v1/auth/logout", new RefreshRequest(tokens.RefreshToken), Ct);
        var refresh = await client.PostAsJsonAsync("/api/v1/auth/refresh", new RefreshRequest(tokens.RefreshToken), Ct);

        logout.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await refresh.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RefreshUnknownTokenReturnsUnauthorizedProblem()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, postgres);
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/auth/refresh", new RefreshRequest("made-up"), Ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static async Task<MeResponse> MeAsync(HttpClient client, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me").Bearer(accessToken);
        var response = await client.SendAsync(request, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<MeResponse>(Ct))!;
    }
}
