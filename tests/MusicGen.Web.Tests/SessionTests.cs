using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using MusicGen.Contracts.Generations;

namespace MusicGen.Web.Tests;

public sealed class SessionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignInKeepsApiTokensOnTheServerAndRefreshesThemBeforeTheyExpire()
    {
        var accounts = new FakeAccounts();
        await using var api = await FakeApi.StartAsync(app =>
        {
            accounts.Map(app);
            app.MapGet("/api/v1/generations", (HttpRequest request) =>
            {
                accounts.Record(request);
                return Results.Ok(new GenerationPage([], 1, 10, 0));
            });
        });
        await using var web = WebHost.Start(api.Address);
        using var browser = web.Browser();

        var signIn = await browser.PostFormAsync("/signin", "signin", new() { ["Input.Email"] = "ada@example.com", ["Input.Password"] = "correct horse battery" });
        var cookies = string.Join("; ", signIn.Headers.GetValues("Set-Cookie"));
        using var library = await browser.GetAsync(new Uri("/library", UriKind.Relative), Ct);
        var page = await library.Content.ReadAsStringAsync(Ct);

        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signIn.Headers.Location!.AbsolutePath.ShouldBe("/create");
        cookies.ShouldContain("musicgen.auth=");
        cookies.ShouldContain("httponly", Case.Insensitive);
        library.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.ShouldContain("Nothing here yet");
        foreach (var secret in new[] { FakeAccounts.FirstAccessToken, FakeAccounts.FirstRefreshToken, FakeAccounts.RefreshedAccessToken })
        {
            page.ShouldNotContain(secret);
            cookies.ShouldNotContain(secret);
        }

        accounts.RefreshTokensPresented.ShouldBe([FakeAccounts.FirstRefreshToken]);
        accounts.BearerTokens.ShouldBe([$"Bearer {FakeAccounts.FirstAccessToken}", $"Bearer {FakeAccounts.RefreshedAccessToken}"]);
    }

    [Fact]
    public async Task RejectedRefreshSignsOutAndSendsThePersonToSignInWithTheirPage()
    {
        var accounts = new FakeAccounts { RefreshRejects = true };
        await using var api = await FakeApi.StartAsync(accounts.Map);
        await using var web = WebHost.Start(api.Address);
        using var browser = web.Browser();
        await browser.SignInAsync();

        using var account = await browser.GetAsync(new Uri("/account", UriKind.Relative), Ct);
        using var again = await browser.GetAsync(new Uri("/account", UriKind.Relative), Ct);

        account.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        account.Headers.Location!.ToString().ShouldBe("/signin?returnUrl=%2Faccount&ended=1");
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        again.Headers.Location!.ToString().ShouldStartWith("http://localhost/signin?ReturnUrl=");
    }

    [Fact]
    public async Task ApiGoneAfterSignInShowsTheUnavailablePage()
    {
        var accounts = new FakeAccounts();
        var api = await FakeApi.StartAsync(accounts.Map);
        await using var web = WebHost.Start(api.Address);
        using var browser = web.Browser();
        await browser.SignInAsync();
        await api.DisposeAsync();

        using var library = await browser.GetAsync(new Uri("/library", UriKind.Relative), Ct);
        var page = await library.Content.ReadAsStringAsync(Ct);

        library.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, page[..Math.Min(page.Length, 3000)]);
        page.ShouldContain("MusicGen cannot reach its API right now");
        page.ShouldContain("role=\"alert\"");
    }

    [Fact]
    public async Task LiveEventsAreRelayedWithTheServerSideToken()
    {
        var accounts = new FakeAccounts();
        var id = Guid.NewGuid();
        await using var api = await FakeApi.StartAsync(app =>
        {
            accounts.Map(app);
            app.MapGet($"/api/v1/generations/{id}/events", async (HttpContext context) =>
            {
                accounts.Record(context.Request);
                context.Response.ContentType = "text/event-stream";
                await context.Response.WriteAsync($"event: status\ndata: {{\"id\":\"{id}\",\"status\":\"Generating\",\"progress\":40}}\n\n");
                await context.Response.WriteAsync($"event: status\ndata: {{\"id\":\"{id}\",\"status\":\"Completed\",\"progress\":100}}\n\n");
            });
            app.MapGet("/api/v1/generations/{other:guid}/events", () => Results.NotFound());
        });
        await using var web = WebHost.Start(api.Address);
        using var browser = web.Browser();
        await browser.SignInAsync();

        using var events = await browser.GetAsync(new Uri($"/live/generations/{id}/events", UriKind.Relative), Ct);
        var body = await events.Content.ReadAsStringAsync(Ct);
        using var missing = await browser.GetAsync(new Uri($"/live/generations/{Guid.NewGuid()}/events", UriKind.Relative), Ct);

        events.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        body.ShouldContain("\"status\":\"Generating\"");
        body.ShouldContain("\"status\":\"Completed\"");
        accounts.BearerTokens.Last().ShouldBe($"Bearer {FakeAccounts.RefreshedAccessToken}");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PagesNeedASignIn()
    {
        await using var api = await FakeApi.StartAsync(new FakeAccounts().Map);
        await using var web = WebHost.Start(api.Address);
        using var browser = web.Browser();

        using var create = await browser.GetAsync(new Uri("/create", UriKind.Relative), Ct);
        using var events = await browser.GetAsync(new Uri($"/live/generations/{Guid.NewGuid()}/events", UriKind.Relative), Ct);

        create.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        create.Headers.Location!.AbsolutePath.ShouldBe("/signin");
        events.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
