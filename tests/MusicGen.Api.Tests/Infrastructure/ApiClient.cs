using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MusicGen.Contracts.Accounts;

namespace MusicGen.Api.Tests.Infrastructure;

internal static class ApiClient
{
    public static async Task<TokenResponse> RegisterAsync(this HttpClient client, string? email = null, string password = "correct horse battery")
    {
        var response = await client.PostAsJsonAsync(
            "/api/v1/auth/register",
            new RegisterRequest(email ?? $"user-{Guid.NewGuid():N}@example.com", password),
            TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (await response.Content.ReadFromJsonAsync<TokenResponse>(TestContext.Current.CancellationToken))!;
    }

    /// <summary>A client signed in as a new user.</summary>
    public static async Task<HttpClient> CreateUserClientAsync(this ApiFactory factory, string? email = null)
    {
        var client = factory.CreateClient();
        var tokens = await client.RegisterAsync(email);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return client;
    }

    public static HttpRequestMessage Bearer(this HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    /// <summary>Asserts an RFC 9457 problem body with <paramref name="status"/> and, when given, an error for <paramref name="field"/>.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", text);
        var problem = JsonDocument.Parse(text).RootElement;
        problem.GetProperty("status").GetInt32().ShouldBe((int)status);
        problem.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();
        if (field is not null)
        {
            problem.GetProperty("errors").TryGetProperty(field, out var messages).ShouldBeTrue($"no error for '{field}' in {text}");
            messages[0].GetString().ShouldNotBeNullOrWhiteSpace();
        }

        return problem;
    }
}
