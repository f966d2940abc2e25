using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MusicGen.Web.EndToEndTests;

/// <summary>What a person does on the site, step by step, by label and role as they see it.</summary>
internal static partial class SiteSteps
{
    public static async Task<string> RegisterAsync(this IPage page, string? email = null)
    {
        email ??= $"user-{Guid.NewGuid():N}@e2e.example.com";
        await page.GotoAsync("/register");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(StackFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.ArriveAtAsync("**/create");
        return email;
    }

    public static async Task SignInAsync(this IPage page, string email)
    {
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(StackFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.ArriveAtAsync("**/create");
    }

    public static async Task SignOutAsync(this IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    /// <summary>Creates from a genre preset with a short length; returns the generation's id once on its page.</summary>
    public static async Task<Guid> CreateFromPresetAsync(this IPage page, string preset, string name, int lengthSeconds = 8)
    {
        await page.GotoAsync("/create");
        await page.GetByRole(AriaRole.Link, new() { Name = preset, Exact = true }).ClickAsync();
        await Expect(page.GetByLabel("Prompt", new() { Exact = true })).Not.ToBeEmptyAsync();
        await page.Locator("#name").FillAsync(name);
        await page.Locator("#length").FillAsync(lengthSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate" }).ClickAsync();
        await page.WaitForURLAsync(GenerationUrl());
        return Guid.Parse(GenerationUrl().Match(page.Url).Groups[1].Value);
    }

    /// <summary>Waits for the browser to reach <paramref name="url"/>; if it does not, says where it is and what the page shows.</summary>
    public static async Task ArriveAtAsync(this IPage page, string url)
    {
        try
        {
            // The page's content, not its load event: under heavy load Chromium was seen at the right URL with the
            // network idle and the load event never reported after a POST-redirect-GET.
            await page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.Commit });
            await page.Locator("main").WaitForAsync();
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"Expected {url}, but the browser is at {page.Url} showing:\n{await page.InnerTextAsync("body")}", e);
        }
    }

    [GeneratedRegex(@"/generations/([0-9a-f-]{36})$")]
    public static partial Regex GenerationUrl();
}
