using System.Net.Http.Json;
using MusicGen.Contracts.Accounts;
using MusicGen.Core.Data;
using MusicGen.Core.Generations;
using Microsoft.Extensions.DependencyInjection;

namespace MusicGen.Api.Tests.Infrastructure;

/// <summary>Rows the Worker would write (completed generations with tracks), inserted directly so API tests need no Worker.</summary>
internal static class LibrarySeed
{
    public static async Task<Guid> GetUserIdAsync(this HttpClient client) =>
        (await client.GetFromJsonAsync<MeResponse>("/api/v1/me", TestContext.Current.CancellationToken))!.Id;

    /// <summary>A completed generation of <paramref name="userId"/> with <paramref name="tracks"/> tracks; returns their ids in variant order.</summary>
    public static async Task<IReadOnlyList<Guid>> AddCompletedGenerationAsync(this ApiFactory factory, Guid userId, int tracks = 1, string name = "Seeded song")
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicDbContext>();
        var now = DateTimeOffset.UtcNow;
        var generation = new Generation
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Name = name,
            Prompt = "calm piano",
            LengthMs = 10_000,
            OutputFormat = "mp3_44100_128",
            Variations = tracks,
            Provider = "local",
            Status = GenerationStatus.Completed,
            CreatedAt = now,
            UpdatedAt = now,
            CompletedAt = now,
        };
        for (var i = 0; i < tracks; i++)
        {
            generation.Tracks.Add(new Track { Id = Guid.CreateVersion7(), GenerationId = generation.Id, VariantIndex = i, Title = $"{name} {i + 1}", DurationMs = 10_000 + i, CreatedAt = now });
        }

        db.Generations.Add(generation);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return [.. generation.Tracks.Select(t => t.Id)];
    }
}
