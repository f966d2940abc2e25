using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using MusicGen.Contracts.Accounts;
using MusicGen.Contracts.Generations;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MusicGen.Web.EndToEndTests;

[Collection(StackCollection.Name)]
public sealed class StudioTests(StackFixture stack)
{
    private static readonly LocatorAssertionsToHaveTextOptions Rendering = new() { Timeout = 180_000 };

    [Fact]
    public async Task PersonRegistersCreatesFromPresetListensDownloadsAndFindsItInTheLibrary()
    {
        var page = await stack.NewPageAsync();
        await page.GotoAsync("/");
        await stack.ScreenshotAsync(page, "01-home-signed-out");
        await page.GotoAsync("/register");
        await stack.ScreenshotAsync(page, "02-register");
        var email = await page.RegisterAsync();
        await page.SignOutAsync();
        await page.GotoAsync("/signin");
        await stack.ScreenshotAsync(page, "03-sign-in");
        await page.SignInAsync(email);
        await stack.ScreenshotAsync(page, "04-create");

        var name = $"Rainy tape {Guid.NewGuid():N}"[..20];
        var id = await page.CreateFromPresetAsync("Lo-fi", name);
        // Survives only if the page is updated in place: a reload would start a fresh window.
        await page.EvaluateAsync("() => { window.stillTheSamePage = true; }");
        await stack.ScreenshotAsync(page, "05-generation-progress");

        await Expect(page.Locator(".page-header .badge")).ToHaveTextAsync("Completed", Rendering);
        var players = page.Locator("audio");
        await Expect(players).ToHaveCountAsync(2);
        (await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true")).ShouldBeTrue("the finished generation's players appear without a reload");
        foreach (var player in await players.AllAsync())
        {
            var (duration, played) = await PlayBrieflyAsync(player);
            duration.ShouldBeGreaterThan(0, $"player duration; logs:\n{stack.Logs}");
            played.ShouldBeGreaterThan(0);
        }

        await Expect(page.GetByText("BPM").First).ToBeVisibleAsync();
        await stack.ScreenshotAsync(page, "06-generation-completed");

        var mp3Link = page.Locator(".downloads a").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^MP3", System.Text.RegularExpressions.RegexOptions.IgnoreCase) }).First;
        var href = await mp3Link.GetAttributeAsync("href");
        var download = await page.APIRequest.GetAsync(href!);
        download.Ok.ShouldBeTrue($"GET {href} → {download.Status}");
        var file = Path.Combine(Path.GetTempPath(), $"musicgen-e2e-{id}.mp3");
        await File.WriteAllBytesAsync(file, await download.BodyAsync(), TestContext.Current.CancellationToken);
        var probe = await FfprobeAsync(file);
        probe.GetProperty("format").GetProperty("format_name").GetString().ShouldBe("mp3");
        double.Parse(probe.GetProperty("format").GetProperty("duration").GetString()!, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(1);
        File.Delete(file);

        // Both takes into a new playlist, then reorder: by button, and by dragging.
        var firstTitle = (await page.Locator(".player-title").First.TextContentAsync())!.Trim();
        var secondTitle = (await page.Locator(".player-title").Nth(1).TextContentAsync())!.Trim();
        await page.GetByLabel($"Add “{firstTitle}” to").SelectOptionAsync(new SelectOptionValue { Label = "New playlist…" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).First.ClickAsync();
        await page.WaitForURLAsync("**/playlists/*");
        var playlistUrl = new Uri(page.Url).AbsolutePath;
        await page.GotoAsync($"/generations/{id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).Nth(1).ClickAsync();
        await page.WaitForURLAsync($"**{playlistUrl}?added=1");
        var items = page.Locator(".playlist-item .library-name");
        await Expect(items).ToHaveTextAsync([firstTitle, secondTitle]);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Move {secondTitle} up" }).ClickAsync();
        await Expect(items).ToHaveTextAsync([secondTitle, firstTitle]);
        await page.Locator($"[data-reorder-item]").Nth(1).DragToAsync(page.Locator("[data-reorder-item]").First);
        await Expect(items).ToHaveTextAsync([firstTitle, secondTitle]);
        await page.ReloadAsync();
        await Expect(items).ToHaveTextAsync([firstTitle, secondTitle]);
        await stack.ScreenshotAsync(page, "07-playlist");
        await page.GotoAsync("/playlists");
        await stack.ScreenshotAsync(page, "07-playlists");

        await page.GotoAsync($"/library?search={Uri.EscapeDataString(name)}&genre=lofi");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
        var takes = page.GetByRole(AriaRole.List, new() { Name = $"Takes of {name}" }).Locator("audio");
        await Expect(takes).ToHaveCountAsync(2);
        foreach (var take in await takes.AllAsync())
        {
            (await PlayBrieflyAsync(take)).Played.ShouldBeGreaterThan(0);
        }

        await stack.ScreenshotAsync(page, "08-library");
        await page.GotoAsync($"/library?search={Uri.EscapeDataString(name)}&genre=techno");
        await Expect(page.GetByText("0 generations")).ToBeVisibleAsync();

        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync($"/generations/{id}");
        await stack.ScreenshotAsync(page, "09-generation-phone");
        await page.GotoAsync("/create");
        await stack.ScreenshotAsync(page, "09-create-phone");
    }

    [Fact]
    public async Task CreateFormShowsTheApiValidationMessagesNextToTheFields()
    {
        var page = await stack.NewPageAsync();
        await page.RegisterAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Generate" }).ClickAsync();
        await Expect(page.Locator("#prompt-error")).ToContainTextAsync("A prompt (or a compositionPlan) is required");
        await Expect(page.GetByLabel("Prompt", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");

        await page.GetByLabel("Prompt", new() { Exact = true }).FillAsync("quiet piano");
        await page.GetByLabel("Instrumental (no vocals)").CheckAsync();
        await page.GetByLabel("Lyrics").FillAsync("la la la");
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate" }).ClickAsync();
        await Expect(page.Locator("#lyrics-error")).ToContainTextAsync("An instrumental generation cannot have lyrics");
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await stack.ScreenshotAsync(page, "10-create-validation");
    }

    [Fact]
    public async Task PlanEditorLoadsTheEnginesPlanAndEditsSections()
    {
        var page = await stack.NewPageAsync();
        await page.RegisterAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "House", Exact = true }).ClickAsync();
        await page.GetByText("Advanced: composition plan").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Load plan from prompt" }).ClickAsync();

        var sections = page.Locator(".plan-section");
        var count = await sections.CountAsync();
        count.ShouldBeGreaterThan(1);
        var secondName = await page.Locator("#section-1-name").InputValueAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Move section 2 up" }).ClickAsync();
        await Expect(page.Locator("#section-0-name")).ToHaveValueAsync(secondName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove section 1" }).ClickAsync();
        await Expect(sections).ToHaveCountAsync(count - 1);
        await Expect(page.GetByLabel("Generate from this plan instead of the prompt")).ToBeCheckedAsync();
        await stack.ScreenshotAsync(page, "11-create-plan-editor");
    }

    [Fact]
    public async Task SecondUserOpeningTheFirstUsersGenerationGetsNotFound()
    {
        var owner = await stack.NewPageAsync();
        await owner.RegisterAsync();
        var id = await owner.CreateFromPresetAsync("Techno", "Private techno");

        var other = await stack.NewPageAsync();
        await other.RegisterAsync();
        var response = await other.GotoAsync($"/generations/{id}");

        response!.Status.ShouldBe(404);
        await Expect(other.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        await Expect(other.GetByText("Private techno")).ToHaveCountAsync(0);
        await stack.ScreenshotAsync(other, "12-not-found");
    }

    [Fact]
    public async Task ApiKeyWorksUntilRevokedFromTheAccountPage()
    {
        var page = await stack.NewPageAsync();
        await page.RegisterAsync();
        await page.GotoAsync("/account");
        await page.GetByLabel("Key name").FillAsync("e2e key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var key = await page.GetByLabel("New API key").InputValueAsync();
        key.ShouldStartWith("mg_");
        await stack.ScreenshotAsync(page, "13-account-key-created");

        using var http = new HttpClient { BaseAddress = stack.ApiUrl };
        (await MeWithKeyAsync(http, key)).ShouldBe(200);

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke key e2e key" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "revoked" })).ToBeVisibleAsync();

        (await MeWithKeyAsync(http, key)).ShouldBe(401);
        await stack.ScreenshotAsync(page, "14-account-key-revoked");
    }

    [Fact]
    public async Task AdminSeesAFailedJobWithItsReasonAndRetriesIt()
    {
        // A generation for a provider this stack has no key for fails for good, with a reason.
        using var http = new HttpClient { BaseAddress = stack.ApiUrl };
        var tokens = await (await http.PostAsJsonAsync("api/v1/auth/register", new RegisterRequest($"failing-{Guid.NewGuid():N}@e2e.example.com", StackFixture.Password), TestContext.Current.CancellationToken))
            .Content.ReadFromJsonAsync<TokenResponse>(TestContext.Current.CancellationToken);
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens!.AccessToken);
        var name = $"Needs ElevenLabs {Guid.NewGuid():N}"[..24];
        var submitted = await http.PostAsJsonAsync("api/v1/generations", new CreateGenerationRequest { Name = name, Prompt = "ambient pads", LengthMs = 5_000, Variations = 1, Provider = "elevenlabs" }, TestContext.Current.CancellationToken);
        submitted.EnsureSuccessStatusCode();
        var generation = (await submitted.Content.ReadFromJsonAsync<GenerationResponse>(TestContext.Current.CancellationToken))!;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (generation.Status != "Failed" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500, TestContext.Current.CancellationToken);
            generation = (await http.GetFromJsonAsync<GenerationResponse>($"api/v1/generations/{generation.Id}", TestContext.Current.CancellationToken))!;
        }

        generation.Status.ShouldBe("Failed", $"logs:\n{stack.Logs}");

        var page = await stack.NewPageAsync();
        await page.SignInAsync(stack.AdminEmail);
        await page.GotoAsync("/admin");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Expect(row).ToContainTextAsync("not configured");
        await Expect(page.Locator(".chart svg")).ToBeVisibleAsync();
        await stack.ScreenshotAsync(page, "15-admin");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Retry {name}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "queued again" })).ToBeVisibleAsync();
        var retried = await http.GetFromJsonAsync<GenerationResponse>($"api/v1/generations/{generation.Id}", TestContext.Current.CancellationToken);
        retried!.UpdatedAt.ShouldBeGreaterThan(generation.UpdatedAt);
    }

    [Fact]
    public async Task WebhookIsSubscribedPingedAndItsDeliveryLogged()
    {
        await using var receiver = new WebhookReceiver();
        var page = await stack.NewPageAsync();
        await page.RegisterAsync();
        await page.GotoAsync("/account");

        await page.GetByLabel("URL", new() { Exact = true }).FillAsync(receiver.Url);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add webhook" }).ClickAsync();
        var secret = await page.GetByLabel("Webhook signing secret").InputValueAsync();
        secret.ShouldNotBeNullOrWhiteSpace();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Your webhooks" })).ToContainTextAsync(receiver.Url);
        await stack.ScreenshotAsync(page, "15-account-webhook-created");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Send a test ping to {receiver.Url}" }).ClickAsync();
        await Expect(page.GetByText($"Test ping to {receiver.Url}: Delivered (HTTP 200)")).ToBeVisibleAsync();
        var log = page.GetByRole(AriaRole.Table, new() { Name = "Recent webhook deliveries" });
        var row = log.GetByRole(AriaRole.Row).Filter(new() { HasText = receiver.Url });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("ping");
        await Expect(row).ToContainTextAsync("Delivered");
        await Expect(row).ToContainTextAsync("HTTP 200");
        await stack.ScreenshotAsync(page, "16-account-webhook-delivered");

        var (signature, eventName, body) = receiver.Received.ShouldHaveSingleItem();
        eventName.ShouldBe("ping");
        SignatureIsValid(secret, signature, body).ShouldBeTrue($"signature {signature} over {body}");
    }

    [Fact]
    public async Task OrdinaryUserCannotOpenTheAdminPage()
    {
        var page = await stack.NewPageAsync();
        await page.RegisterAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Admin" })).ToHaveCountAsync(0);
        await page.GotoAsync("/admin");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You cannot open this page" })).ToBeVisibleAsync();
    }

    /// <summary>The check docs/webhooks.md tells receivers to make: HMAC-SHA256(secret, "t.body") equals a v1 of the header.</summary>
    private static bool SignatureIsValid(string secret, string? header, string body)
    {
        var parts = (header ?? "").Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToList();
        var t = parts.FirstOrDefault(p => p[0] == "t")?[1];
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.UTF8.GetBytes($"{t}.{body}")));
        return t is not null && parts.Any(p => p[0] == "v1" && p[1] == expected);
    }

    private static async Task<int> MeWithKeyAsync(HttpClient http, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/me");
        request.Headers.Add("X-API-Key", key);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return (int)response.StatusCode;
    }

    /// <summary>Loads the player's metadata, plays a moment and pauses; returns its duration and how far it got.</summary>
    private static async Task<(double Duration, double Played)> PlayBrieflyAsync(ILocator audio)
    {
        var result = await audio.EvaluateAsync<double[]>("""
            async (a) => {
                if (!(a.duration > 0)) {
                    a.preload = "auto";
                    const loaded = new Promise(r => a.addEventListener("loadedmetadata", r, { once: true }));
                    a.load();
                    await loaded;
                }
                await a.play();
                const start = performance.now();
                while (a.currentTime === 0 && performance.now() - start < 10000) await new Promise(r => setTimeout(r, 100));
                a.pause();
                return [a.duration, a.currentTime];
            }
            """);
        return (result[0], result[1]);
    }

    private static async Task<JsonElement> FfprobeAsync(string file)
    {
        var info = new ProcessStartInfo("ffprobe", ["-v", "error", "-show_entries", "format=format_name,duration", "-of", "json", file]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        process.ExitCode.ShouldBe(0, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
