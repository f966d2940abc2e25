using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace MusicGen.Web.Tests;

/// <summary>The Web in memory, pointed at a (fake) API, and a browser-like client that keeps cookies and does not follow redirects.</summary>
internal static partial class WebHost
{
    /// <param name="settings">Settings the Web reads while it registers its services (UseSetting: visible before Build, unlike ConfigureAppConfiguration).</param>
    public static WebApplicationFactory<Program> Start(Uri api, IReadOnlyDictionary<string, string?>? settings = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                web.UseSetting(key, value);
            }

            web.ConfigureAppConfiguration((_, configuration) =>
                configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    // What the AppHost sets: services__api__http__0.
                    ["services:api:http:0"] = api.ToString(),
                    ["HttpStandardResilience:MaxRetryAttempts"] = "1",
                    ["HttpStandardResilience:RetryDelay"] = "00:00:00.010",
                }));
        });

    public static HttpClient Browser(this WebApplicationFactory<Program> web) =>
        web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Posts a page's form the way a browser does: its antiforgery token, its form name, and the fields.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient browser, string page, string formName, Dictionary<string, string> fields)
    {
        var html = await browser.GetStringAsync(new Uri(page, UriKind.Relative), TestContext.Current.CancellationToken);
        var token = AntiforgeryToken().Match(html).Groups[1].Value;
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["_handler"] = formName };
        return await browser.PostAsync(new Uri(page, UriKind.Relative), new FormUrlEncodedContent(form), TestContext.Current.CancellationToken);
    }

    public static async Task SignInAsync(this HttpClient browser)
    {
        var response = await browser.PostFormAsync("/signin", "signin", new() { ["Input.Email"] = "ada@example.com", ["Input.Password"] = "correct horse battery" });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
