using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using MusicGen.Contracts.Generations;
using MusicGen.Contracts.Plans;

namespace MusicGen.Web.Tests;

public sealed class StudioPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateShowsEachApiValidationMessageBesideItsField()
    {
        CreateGenerationRequest? received = null;
        string? idempotencyKey = null;
        await using var api = await FakeApi.StartAsync(app =>
        {
            new FakeAccounts().Map(app);
            app.MapPost("/api/v1/generations", (CreateGenerationRequest request, HttpRequest http) =>
            {
                received = request;
                idempotencyKey = http.Headers["Idempotency-Key"];
                return Results.ValidationProblem(
                    new Dictionary<string, string[]>
                    {
                        ["lyrics"] = ["An instrumental generation cannot have lyrics: drop the lyrics or set instrumental to false."],
                        ["webhookUrl"] = ["webhookUrl must be an absolute http:// or https:// URL."],
                    },
                    title: "The generation request is invalid.");
            });
        });
        await using var web = WebHost.Start(api.Address);
        using var browser = web.Browser();
        await browser.SignInAsync();

        using var response = await browser.PostFormAsync("/create", "create", new()
        {
            ["Input.Prompt"] = "quiet piano",
            ["Input.LengthSeconds"] = "20",
            ["Input.OutputFormat"] = "wav_44100",
            ["Input.Variations"] = "3",
            ["Input.Instrumental"] = "true",
            ["Input.Lyrics"] = "la la la",
            ["Input.SubmissionId"] = "form-1",
            ["Input.Action"] = "submit",
        });
        var page = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.ShouldContain("<p class=\"field-error\" id=\"lyrics-error\">An instrumental generation cannot have lyrics");
        page.ShouldContain("webhookUrl must be an absolute");
        page.ShouldContain("role=\"alert\"");
        received!.ShouldSatisfyAllConditions(
            r => r.Prompt.ShouldBe("quiet piano"),
            r => r.LengthMs.ShouldBe(20_000),
            r => r.OutputFormat.ShouldBe("wav_44100"),
            r => r.Variations.ShouldBe(3),
            r => r.Instrumental.ShouldBeTrue(),
            r => r.CompositionPlan.ShouldBeNull());
        idempotencyKey.ShouldBe("form-1");
    }

    [Fact]
    public async Task AcceptedCreateRedirectsToTheGenerationPage()
    {
        var id = Guid.NewGuid();
        await using var api = await FakeApi.StartAsync(app =>
        {
            new FakeAccounts().Map(app);
            app.MapPost("/api/v1/generations", () => Results.Json(Generation(id, "Queued"), statusCode: 202));
        });
        await using var web = WebHost.Start(api.Address);
        using var browser = web.Browser();
        await browser.SignInAsync();

        using var response = await browser.PostFormAsync("/create?preset=lofi", "create", new() { ["Input.Prompt"] = "lo-fi", ["Input.Action"] = "submit" });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe($"/generations/{id}");
    }

    [Fact]
    public async Task PresetFillsThePromptAndTheEnginesPlanForIt()
    {
        PlanRequest? asked = null;
        await using var api = await FakeApi.StartAsync(app =>
        {
            new FakeAccounts().Map(app);
            app.MapPost("/api/v1/plans", (PlanRequest request) =>
            {
                asked = request;
                return Results.Ok(new CompositionPlanDocument
                {
                    PositiveGlobalStyles = ["house", "124 bpm"],
                    Sections = [new CompositionPlanSection { SectionName = "Warm-up groove", DurationMs = 30_000, PositiveLocalStyles = ["steady"] }],
                });
            });
        });
        await using var web = WebHost.Start(api.Address);
        using var browser = web.Browser();
        await browser.SignInAsync();

        var page = await browser.GetStringAsync(new Uri("/create?preset=house", UriKind.Relative), Ct);

        asked.ShouldBe(new PlanRequest(Studio.GenrePreset.Find("house")!.Prompt, 90_000));
        page.ShouldContain(Studio.GenrePreset.Find("house")!.Prompt);
        page.ShouldContain("value=\"Warm-up groove\"");
        page.ShouldContain("value=\"house, 124 bpm\"");
        page.ShouldContain("<details class=\"plan-editor card\">");
    }

    [Fact]
    public async Task SomeoneElsesGenerationIsNotFound()
    {
        await using var api = await FakeApi.StartAsync(app =>
        {
            new FakeAccounts().Map(app);
            app.MapGet("/api/v1/generations/{id:guid}", () => Results.NotFound());
        });
        await using var web = WebHost.Start(api.Address);
        using var browser = web.Browser();
        await browser.SignInAsync();

        using var response = await browser.GetAsync(new Uri($"/generations/{Guid.NewGuid()}", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Page not found");
    }

    [Fact]
    public async Task RunningGenerationFollowsTheWebRelayAndCompletedOneShowsPlayersWithPeaks()
    {
        var running = Guid.NewGuid();
        var done = Guid.NewGuid();
        var track = new TrackResponse(Guid.NewGuid(), 0, "Take one", 8_000, [new TrackFileResponse("Audio", "mp3", "audio/mpeg", 1000, "/x")], 80, "F minor",
            [new TrackSectionResponse("Intro", 0, 4)], [0.25f, 1f]);
        await using var api = await FakeApi.StartAsync(app =>
        {
            new FakeAccounts().Map(app);
            app.MapGet($"/api/v1/generations/{running}", () => Results.Ok(Generation(running, "Generating")));
            app.MapGet($"/api/v1/generations/{done}", () => Results.Ok(Generation(done, "Completed") with { Tracks = [track] }));
            app.MapGet("/api/v1/playlists", () => Results.Ok(new { items = Array.Empty<object>(), page = 1, pageSize = 100, total = 0 }));
        });
        await using var web = WebHost.Start(api.Address);
        using var browser = web.Browser();
        await browser.SignInAsync();

        var progress = await browser.GetStringAsync(new Uri($"/generations/{running}", UriKind.Relative), Ct);
        var completed = await browser.GetStringAsync(new Uri($"/generations/{done}", UriKind.Relative), Ct);

        progress.ShouldContain($"data-generation-events=\"/live/generations/{running}/events\"");
        progress.ShouldContain("aria-live=\"polite\"");
        // The live script swaps this region for the server's fresh rendering when the generation ends.
        progress.ShouldMatch("<div data-live-region>[\\s\\S]*data-generation-events[\\s\\S]*</div>");
        completed.ShouldContain("data-live-region");
        completed.ShouldContain($"src=\"/files/tracks/{track.Id}/audio?format=mp3\"");
        completed.ShouldContain("data-peaks=\"[0.25,1]\"");
        completed.ShouldContain("F minor");
        completed.ShouldContain($"/create?from={done}");
        completed.ShouldNotContain("data-generation-events");
    }

    [Fact]
    public async Task LibraryFiltersByGenreInTheApiAndOffersEveryTakeAPlayControl()
    {
        var id = Guid.NewGuid();
        var takes = Enumerable.Range(0, 3)
            .Select(i => new TrackResponse(Guid.NewGuid(), i, $"Rainy tape ({i + 1})", 8_000, [new TrackFileResponse("Audio", "mp3", "audio/mpeg", 1000, "/x")]))
            .ToList();
        string? query = null;
        await using var api = await FakeApi.StartAsync(app =>
        {
            new FakeAccounts().Map(app);
            app.MapGet("/api/v1/generations", (HttpRequest request) =>
            {
                query = request.QueryString.Value;
                return Results.Ok(new GenerationPage([Generation(id, "Completed") with { Tracks = takes }], 2, 10, 11));
            });
        });
        await using var web = WebHost.Start(api.Address);
        using var browser = web.Browser();
        await browser.SignInAsync();

        var page = await browser.GetStringAsync(new Uri("/library?genre=techno&status=Completed&page=2", UriKind.Relative), Ct);

        query.ShouldNotBeNull();
        query.ShouldContain("genre=techno");
        query.ShouldContain("page=2");
        query.ShouldContain("pageSize=10");
        query.ShouldContain("status=Completed");
        page.ShouldContain("<option value=\"techno\" selected");
        page.ShouldContain("11 generations");
        page.ShouldContain("Page 2 of 2");
        foreach (var take in takes)
        {
            page.ShouldContain($"src=\"/files/tracks/{take.Id}/audio?format=mp3\"");
            page.ShouldContain($"aria-label=\"Play {take.Title}\"");
        }

        page.ShouldContain("Take 3");
        page.ShouldNotContain("data-waveform");
    }

    private static GenerationResponse Generation(Guid id, string status) => new(
        id, "Rainy tape", status, null, 40, null, null, "lo-fi", 8_000, "mp3_44100_128", 1, 7, false, "local", null,
        DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, [], null, JsonSerializer.SerializeToElement(new { sections = new[] { new { section_name = "A", duration_ms = 8000 } } }));
}
