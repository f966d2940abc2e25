using MusicGen.Api.Tests.Generations;
using MusicGen.Api.Tests.Infrastructure;
using MusicGen.Contracts.Generations;
using MusicGen.Core.Data;
using MusicGen.Core.Generations;
using MusicGen.Core.Storage;
using MusicGen.Engine;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MusicGen.Api.Tests.Tracks;

/// <summary>A finished generation with one track, as the Worker leaves it: its MP3 rendered by the engine and stored, with its row.</summary>
internal sealed record StoredTrack(Guid GenerationId, Guid TrackId, byte[] Audio, string AudioKey)
{
    public const string Title = "Rainy piano";

    /// <summary>A name with accents, guillemets and an emoji, to check the RFC 5987 <c>filename*</c>.</summary>
    public const string UnicodeTitle = "Café «pluie» ☔";

    /// <summary>The header a download of <see cref="UnicodeTitle"/>'s MP3 carries, byte for byte.</summary>
    public const string UnicodeDisposition = "attachment; filename=\"Cafe _pluie_ _ (take 1).mp3\"; filename*=UTF-8''Caf%C3%A9%20%C2%ABpluie%C2%BB%20%E2%98%94%20%28take%201%29.mp3";

    public static async Task<StoredTrack> CreateAsync(ApiFactory factory, HttpClient owner, string title = Title)
    {
        var ct = TestContext.Current.CancellationToken;
        var submitted = await owner.SubmitAsync(new CreateGenerationRequest { Name = title, Prompt = "calm lo-fi piano, 80 bpm", LengthMs = 3_000, Variations = 1, Seed = 11 });
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicDbContext>();
        var generation = await db.Generations.SingleAsync(g => g.Id == submitted.Id, ct);
        var audio = MusicEngine.Generate(EngineRequests.ForVariant(generation, 0), null, ct).Tracks[0].Audio;
        var key = StorageKeys.Audio(StorageKeys.TrackBase(generation.CreatedAt, generation.Name, generation.Id, 0), "mp3");
        await scope.ServiceProvider.GetRequiredService<IBlobStore>().PutAsync(key, audio, "audio/mpeg", null, ct);

        var trackId = Guid.NewGuid();
        db.Tracks.Add(new Track
        {
            Id = trackId,
            GenerationId = generation.Id,
            VariantIndex = 0,
            Title = title,
            DurationMs = 3_000,
            SizeBytes = audio.Length,
            Files = [new TrackFile { Id = Guid.NewGuid(), TrackId = trackId, Kind = TrackFileKind.Audio, Name = "mp3", StorageKey = key, ContentType = "audio/mpeg", SizeBytes = audio.Length }],
        });
        generation.Status = GenerationStatus.Completed;
        generation.Progress = 100;
        generation.CompletedAt = generation.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        return new StoredTrack(generation.Id, trackId, audio, key);
    }

    /// <summary>A client of the same user that does not follow redirects, to look at them.</summary>
    public static HttpClient WithoutRedirects(ApiFactory factory, HttpClient signedIn)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        return client;
    }

    public static bool IsMp3(ReadOnlySpan<byte> bytes) =>
        bytes.Length > 4 && (bytes[..3].SequenceEqual("ID3"u8) || (bytes[0] == 0xFF && (bytes[1] & 0xE0) == 0xE0));

    public static string? FileName(HttpResponseMessage response) =>
        response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"');
}
