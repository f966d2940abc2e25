using System.Net.Http.Json;
using System.Text.Json;
using MusicGen.Api.Tests.Infrastructure;
using MusicGen.Contracts.Webhooks;
using MusicGen.Core.Data;
using MusicGen.Core.Webhooks;
using MusicGen.Testing.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MusicGen.Api.Tests.Webhooks;

/// <summary>
/// The dispatcher on delivery rows as the Worker leaves them (Pending, due now), against a real
/// receiver: signatures, retries while the receiver is down, the SSRF guard, the retry window, and
/// two dispatchers racing for the same rows.
/// </summary>
public sealed class WebhookDeliveryTests(PostgresServer postgres)
{
    private static readonly Dictionary<string, string?> FastRetries = new()
    {
        ["Webhooks:AllowPrivateNetworks"] = "true",
        ["Webhooks:RetryBaseDelay"] = "00:00:00.050",
        ["Webhooks:RetryMaxDelay"] = "00:00:00.200",
        ["Webhooks:Timeout"] = "00:00:05",
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task ReceiverDownForAWhileIsRetriedThenDelivered(DatabaseProvider provider)
    {
        await using var factory = await ApiFactory.CreateAsync(provider, postgres, FastRetries);
        using var client = await factory.CreateUserClientAsync();
        var userId = await client.GetUserIdAsync();
        var port = MusicGen.Testing.FreePort.Next();
        var deliveryId = await factory.AddDeliveryAsync(userId, null, $"http://127.0.0.1:{port}/hooks");

        // Nothing listens yet: connection refused, twice.
        await factory.DispatchUntilAsync(deliveryId, d => d.Attempts >= 2);
        await using var receiver = await WebhookReceiver.StartAsync(port, 503);
        var delivered = await factory.DispatchUntilAsync(deliveryId, d => d.Status != WebhookDeliveryStatus.Pending);

        delivered.Status.ShouldBe(WebhookDeliveryStatus.Delivered);
        delivered.ResponseStatus.ShouldBe(200);
        var log = (await client.GetFromJsonAsync<WebhookDeliveryPage>("/api/v1/webhooks/deliveries", Ct))!.Items.ShouldHaveSingleItem();
        log.Attempts.Count.ShouldBe(delivered.Attempts);
        log.Attempts.Select(a => a.Number).ShouldBe(Enumerable.Range(1, delivered.Attempts));
        log.Attempts[0].Error.ShouldNotBeNull().ShouldContain("could not be reached");
        log.Attempts[^2].ResponseStatus.ShouldBe(503);
        log.Attempts[^1].ResponseStatus.ShouldBe(200);
        receiver.Received.Count.ShouldBe(2);

        // A per-request webhookUrl is signed with the owner's signing secret.
        var secret = (await client.GetFromJsonAsync<WebhookSigningSecret>("/api/v1/webhooks/signing-secret", Ct))!.Secret;
        foreach (var received in receiver.Received)
        {
            received.ShouldBeSignedWith(secret);
            received.Event.ShouldBe(WebhookEvents.GenerationCompleted);
            received.DeliveryId.ShouldBe(deliveryId.ToString());
        }
    }

    [Fact]
    public async Task SubscriptionDeliveryIsSignedWithTheSubscriptionSecret()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, postgres, FastRetries);
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = await factory.CreateUserClientAsync();
        var subscription = (await (await client.PostAsJsonAsync("/api/v1/webhooks", new WebhookSubscriptionRequest(receiver.Url), Ct)).Content.ReadFromJsonAsync<WebhookSubscriptionCreated>(Ct))!;
        var deliveryId = await factory.AddDeliveryAsync(await client.GetUserIdAsync(), subscription.Id, receiver.Url);

        var delivered = await factory.DispatchUntilAsync(deliveryId, d => d.Status != WebhookDeliveryStatus.Pending);

        delivered.Status.ShouldBe(WebhookDeliveryStatus.Delivered);
        receiver.Received.ShouldHaveSingleItem().ShouldBeSignedWith(subscription.Secret);
        var log = (await client.GetFromJsonAsync<WebhookDeliveryPage>($"/api/v1/webhooks/{subscription.Id}/deliveries", Ct))!;
        log.Items.ShouldHaveSingleItem().ShouldSatisfyAllConditions(d => d.Status.ShouldBe("Delivered"), d => d.Attempts.ShouldHaveSingleItem().ResponseStatus.ShouldBe(200));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task PrivateAddressIsRefusedWhenNotAllowed(string host)
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, postgres, new Dictionary<string, string?> { ["Webhooks:AllowPrivateNetworks"] = "false" });
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = await factory.CreateUserClientAsync();
        var deliveryId = await factory.AddDeliveryAsync(await client.GetUserIdAsync(), null, $"http://{host}:{receiver.Port}/hooks");

        var refused = await factory.DispatchUntilAsync(deliveryId, d => d.Status != WebhookDeliveryStatus.Pending);

        refused.Status.ShouldBe(WebhookDeliveryStatus.Failed);
        refused.Attempts.ShouldBe(1);
        refused.Error.ShouldNotBeNull().ShouldContain("not a public address");
        receiver.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task DeliveryFailsOnceTheRetryWindowIsOver()
    {
        var settings = new Dictionary<string, string?>(FastRetries) { ["Webhooks:RetryWindow"] = "00:00:00.500" };
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, postgres, settings);
        await using var receiver = await WebhookReceiver.StartAsync(null, [.. Enumerable.Repeat(500, 1000)]);
        using var client = await factory.CreateUserClientAsync();
        var deliveryId = await factory.AddDeliveryAsync(await client.GetUserIdAsync(), null, receiver.Url);

        var failed = await factory.DispatchUntilAsync(deliveryId, d => d.Status != WebhookDeliveryStatus.Pending);

        failed.Status.ShouldBe(WebhookDeliveryStatus.Failed);
        failed.ResponseStatus.ShouldBe(500);
        failed.Attempts.ShouldBeGreaterThan(1);
        receiver.Received.Count.ShouldBe(failed.Attempts);
    }

    [Fact]
    public async Task TwoDispatchersSendEachDeliveryExactlyOnce()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Postgres, postgres, FastRetries);
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = await factory.CreateUserClientAsync();
        var userId = await client.GetUserIdAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 30; i++)
        {
            ids.Add(await factory.AddDeliveryAsync(userId, null, receiver.Url));
        }

        var dispatcher = factory.Services.GetRequiredService<WebhookDispatcher>();
        var attempted = await Task.WhenAll(dispatcher.DispatchDueAsync(Ct), dispatcher.DispatchDueAsync(Ct), dispatcher.DispatchDueAsync(Ct));

        attempted.Sum().ShouldBe(30);
        receiver.Received.Select(r => Guid.Parse(r.DeliveryId)).Order().ShouldBe(ids.Order());
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicDbContext>();
        (await db.WebhookDeliveries.CountAsync(d => d.Status == WebhookDeliveryStatus.Delivered && d.Attempts == 1, Ct)).ShouldBe(30);
        (await db.WebhookDeliveryAttempts.CountAsync(Ct)).ShouldBe(30);
    }
}

internal static class WebhookDeliveryTestSupport
{
    /// <summary>A delivery row as the Worker writes it when a generation ends.</summary>
    public static async Task<Guid> AddDeliveryAsync(this ApiFactory factory, Guid userId, Guid? subscriptionId, string url)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicDbContext>();
        var now = DateTimeOffset.UtcNow;
        var delivery = new WebhookDelivery
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            SubscriptionId = subscriptionId,
            Url = url,
            Event = WebhookEvents.GenerationCompleted,
            Payload = JsonSerializer.Serialize(new { @event = WebhookEvents.GenerationCompleted, generationId = Guid.NewGuid(), status = "Completed" }),
            Status = WebhookDeliveryStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return delivery.Id;
    }

    /// <summary>Runs dispatcher passes until the delivery satisfies <paramref name="done"/> (or 30 s pass).</summary>
    public static async Task<WebhookDelivery> DispatchUntilAsync(this ApiFactory factory, Guid deliveryId, Func<WebhookDelivery, bool> done)
    {
        var dispatcher = factory.Services.GetRequiredService<WebhookDispatcher>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await dispatcher.DispatchDueAsync(TestContext.Current.CancellationToken);
            await using var scope = factory.Services.CreateAsyncScope();
            var delivery = await scope.ServiceProvider.GetRequiredService<MusicDbContext>().WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == deliveryId, TestContext.Current.CancellationToken);
            if (done(delivery))
            {
                return delivery;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, $"delivery still {delivery.Status} after {delivery.Attempts} attempt(s): {delivery.Error}");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
