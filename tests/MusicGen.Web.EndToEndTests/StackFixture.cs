using System.Net.Http.Json;
using Microsoft.Playwright;
using MusicGen.AppHost.Tests;
using MusicGen.Contracts.Accounts;
using MusicGen.Testing;

namespace MusicGen.Web.EndToEndTests;

/// <summary>
/// The whole graph started by the AppHost (child process, free ports, own data folder) and a headless
/// Debian Chromium driven by Playwright. The first account of a fresh database is an administrator:
/// the fixture registers it before any test, so every other account is an ordinary user.
/// </summary>
public sealed class StackFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string Password = "correct horse battery";
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(5);

    private AppHostRun? _run;
    private IPlaywright? _playwright;

    public string WebUrl { get; private set; } = "";

    public Uri ApiUrl { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string AdminEmail { get; } = $"admin-{Guid.NewGuid():N}@e2e.example.com";

    public string ScreenshotsDirectory { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public string Logs => _run?.Tail(200) ?? "";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            ExternalServices.Unavailable($"end-to-end tests drive Debian's Chromium at {ChromiumPath}");
        }

        if (!File.Exists(AppHostRun.AssemblyPath))
        {
            throw new InvalidOperationException($"Build the AppHost first: {AppHostRun.AssemblyPath} is missing.");
        }

        // The AppHost's services inherit its environment: let webhooks reach the receiver the tests host on loopback.
        _run = AppHostRun.Start(new Dictionary<string, string?> { ["Webhooks__AllowPrivateNetworks"] = "true" });
        WebUrl = await _run.WaitForWebUrlAsync(StartupTimeout);
        ApiUrl = new Uri($"http://127.0.0.1:{_run.Ports["api"]}/");

        using var http = new HttpClient { BaseAddress = ApiUrl };
        var registered = await http.PostAsJsonAsync("api/v1/auth/register", new RegisterRequest(AdminEmail, Password, "Admin"));
        registered.EnsureSuccessStatusCode();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--autoplay-policy=no-user-gesture-required", "--mute-audio"],
        });
    }

    /// <summary>A fresh browser profile (cookies of its own) with the site as base URL.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = WebUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        // Generous: the suite shares small CI machines with builds; a slow step is not a failure of the site.
        context.SetDefaultTimeout(60_000);
        return await context.NewPageAsync();
    }

    public async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotsDirectory, $"{name}.png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_run is not null)
        {
            await _run.DisposeAsync();
        }
    }
}
