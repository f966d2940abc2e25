using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using MusicGen.ServiceDefaults.Resilience;
using MusicGen.ServiceDefaults.Tests.Support;
using Polly.CircuitBreaker;

namespace MusicGen.ServiceDefaults.Tests.Resilience;

public sealed class StandardResilienceHandlerTests
{
    [Fact]
    public async Task SendRetriesServiceUnavailableThenSucceeds()
    {
        var calls = 0;
        await using var server = await LocalServer.StartAsync(app => app.MapGet("/flaky", () =>
            Interlocked.Increment(ref calls) == 1 ? Results.StatusCode(503) : Results.Text("ok")));
        await using var host = await ClientHost.StartAsync(Settings(server, ("HttpStandardResilience:RetryDelay", "00:00:00.020")));

        using var response = await host.CreateClient().GetAsync(new Uri("http://api/flaky"), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("ok");
        calls.ShouldBe(2);
    }

    [Fact]
    public async Task SendRetriedPostSendsTheSameBodyOnEveryAttempt()
    {
        var bodies = new ConcurrentQueue<string>();
        await using var server = await LocalServer.StartAsync(app => app.MapPost("/echo", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            bodies.Enqueue($"{request.ContentType}|{await reader.ReadToEndAsync()}");
            return bodies.Count < 3 ? Results.StatusCode(502) : Results.Ok();
        }));
        await using var host = await ClientHost.StartAsync(Settings(server, ("HttpStandardResilience:RetryDelay", "00:00:00.010")));

        using var content = new StringContent("{\"prompt\":\"rain\"}", System.Text.Encoding.UTF8, "application/json");
        using var response = await host.CreateClient().PostAsync(new Uri("https+http://api/echo"), content, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        bodies.ShouldBe(Enumerable.Repeat("application/json; charset=utf-8|{\"prompt\":\"rain\"}", 3));
    }

    [Fact]
    public async Task SendGivesUpAfterMaxRetryAttemptsAndReturnsLastResponse()
    {
        var calls = 0;
        await using var server = await LocalServer.StartAsync(app => app.MapGet("/down", () =>
        {
            Interlocked.Increment(ref calls);
            return Results.StatusCode(500);
        }));
        await using var host = await ClientHost.StartAsync(Settings(server, ("HttpStandardResilience:RetryDelay", "00:00:00.010")));

        using var response = await host.CreateClient().GetAsync(new Uri("http://api/down"), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        calls.ShouldBe(4);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task SendHonoursRetryAfterHeader(int status)
    {
        var calls = new ConcurrentQueue<long>();
        await using var server = await LocalServer.StartAsync(app => app.MapGet("/busy", (HttpResponse response) =>
        {
            calls.Enqueue(Stopwatch.GetTimestamp());
            if (calls.Count == 1)
            {
                response.Headers.RetryAfter = "1";
                return Results.StatusCode(status);
            }

            return Results.Text("ok");
        }));
        // A tiny base delay: any wait near one second can only come from Retry-After.
        await using var host = await ClientHost.StartAsync(Settings(server, ("HttpStandardResilience:RetryDelay", "00:00:00.001")));

        using var response = await host.CreateClient().GetAsync(new Uri("http://api/busy"), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var stamps = calls.ToArray();
        stamps.Length.ShouldBe(2);
        Stopwatch.GetElapsedTime(stamps[0], stamps[1]).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950));
    }

    [Fact]
    public async Task SendOpensCircuitAfterRepeatedFailuresAndRejectsWithoutCallingServer()
    {
        var calls = 0;
        await using var server = await LocalServer.StartAsync(app => app.MapGet("/broken", () =>
        {
            Interlocked.Increment(ref calls);
            return Results.StatusCode(500);
        }));
        await using var host = await ClientHost.StartAsync(Settings(
            server,
            ("HttpStandardResilience:RetryDelay", "00:00:00.001"),
            ("HttpStandardResilience:MaxRetryAttempts", "1"),
            ("HttpStandardResilience:CircuitBreakerMinimumThroughput", "2"),
            ("HttpStandardResilience:CircuitBreakerFailureRatio", "0.5"),
            ("HttpStandardResilience:CircuitBreakerBreakDuration", "00:01:00")));
        var client = host.CreateClient();

        using (var first = await client.GetAsync(new Uri("http://api/broken"), TestContext.Current.CancellationToken))
        {
            first.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        }

        calls.ShouldBe(2);
        await Should.ThrowAsync<BrokenCircuitException>(() => client.GetAsync(new Uri("http://api/broken"), TestContext.Current.CancellationToken));
        calls.ShouldBe(2);
    }

    [Fact]
    public async Task SendAttemptThatExceedsAttemptTimeoutIsRetried()
    {
        var calls = 0;
        await using var server = await LocalServer.StartAsync(app => app.MapGet("/slow", async (CancellationToken aborted) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(30), aborted);
            }

            return Results.Text("ok");
        }));
        await using var host = await ClientHost.StartAsync(Settings(
            server,
            ("HttpStandardResilience:RetryDelay", "00:00:00.001"),
            ("HttpStandardResilience:AttemptTimeout", "00:00:00.500")));

        var body = await host.CreateClient().GetStringAsync(new Uri("http://api/slow"), TestContext.Current.CancellationToken);

        body.ShouldBe("ok");
        calls.ShouldBe(2);
    }

    [Fact]
    public async Task SendBeyondPermitLimitIsRejectedWithoutCallingServer()
    {
        var calls = 0;
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LocalServer.StartAsync(app => app.MapGet("/hold", async () =>
        {
            Interlocked.Increment(ref calls);
            arrived.TrySetResult();
            await release.Task;
            return Results.Text("ok");
        }));
        await using var host = await ClientHost.StartAsync(Settings(server, ("HttpStandardResilience:RateLimiterPermitLimit", "1")));
        var client = host.CreateClient();

        var first = client.GetStringAsync(new Uri("http://api/hold"), TestContext.Current.CancellationToken);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var error = await Should.ThrowAsync<ConcurrencyLimitRejectedException>(
            () => client.GetStringAsync(new Uri("http://api/hold"), TestContext.Current.CancellationToken));
        release.SetResult();

        (await first).ShouldBe("ok");
        calls.ShouldBe(1);
        error.Message.ShouldContain("1 requests in flight");
    }

    [Theory]
    [InlineData("AttemptTimeout", "00:01:00", "AttemptTimeout")]
    [InlineData("CircuitBreakerSamplingDuration", "00:00:15", "CircuitBreakerSamplingDuration")]
    [InlineData("CircuitBreakerBreakDuration", "00:00:00.100", "BreakDuration")]
    [InlineData("MaxRetryAttempts", "0", "MaxRetryAttempts")]
    public async Task StartWithInvalidResilienceSettingFailsValidation(string key, string value, string named)
    {
        var error = await Should.ThrowAsync<OptionsValidationException>(() => ClientHost.StartAsync(new Dictionary<string, string?>
        {
            ["HttpStandardResilience:" + key] = value,
        }));

        error.Message.ShouldContain(named);
    }

    private static Dictionary<string, string?> Settings(LocalServer server, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?> { ["services:api:http:0"] = server.Address.ToString() };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }
}
