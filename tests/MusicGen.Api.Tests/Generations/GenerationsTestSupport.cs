using System.Net;
using System.Net.Http.Json;
using MusicGen.Api.Tests.Infrastructure;
using MusicGen.Contracts.Generations;
using MusicGen.Core.Data;
using MusicGen.Testing.Postgres;
using MusicGen.Testing.Redis;

namespace MusicGen.Api.Tests.Generations;

internal static class GenerationsTestSupport
{
    public static CreateGenerationRequest Request(string name = "Rainy piano") => new()
    {
        Name = name,
        Prompt = "melancholic lo-fi piano, 80 bpm, rain",
        LengthMs = 10_000,
        Variations = 2,
    };

    public static Task<ApiFactory> CreateFactoryAsync(DatabaseProvider provider, PostgresServer postgres, RedisFixture redis, Dictionary<string, string?>? settings = null)
    {
        settings ??= [];
        settings["ConnectionStrings:cache"] = redis.ConnectionString;
        return ApiFactory.CreateAsync(provider, postgres, settings);
    }

    public static async Task<GenerationResponse> SubmitAsync(this HttpClient client, CreateGenerationRequest? request = null, string? idempotencyKey = null)
    {
        var response = await client.PostRawAsync(request ?? Request(), idempotencyKey);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (await response.Content.ReadFromJsonAsync<GenerationResponse>(TestContext.Current.CancellationToken))!;
    }

    public static async Task<HttpResponseMessage> PostRawAsync(this HttpClient client, CreateGenerationRequest request, string? idempotencyKey = null)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/generations") { Content = JsonContent.Create(request) };
        if (idempotencyKey is not null)
        {
            message.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(message, TestContext.Current.CancellationToken);
    }
}
