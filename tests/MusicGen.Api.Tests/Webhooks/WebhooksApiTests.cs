using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MusicGen.Api.Tests.Infrastructure;
using MusicGen.Contracts.Webhooks;
using MusicGen.Core.Data;
using MusicGen.Testing.Postgres;

namespace MusicGen.Api.Tests.Webhooks;

public sealed class WebhooksApiTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task SubscriptionLifecycleShowsTheSecretOnlyOnCreate(DatabaseProvider provider)
    {
        await using var factory = await ApiFactory.CreateAsync(provider, postgres);
        using var client = await factory.CreateUserClientAsync();

        var response = await client.PostAsJsonAsync("/api/v1/webhooks", new WebhookSubscriptionRequest("https://hooks.example.com/musicgen", ["generation.completed"]), Ct);
        var created = (await response.Content.ReadFromJsonAsync<WebhookSubscriptionCreated>(Ct))!;
        var listed = await client.GetStringAsync("/api/v1/webhooks", Ct);
        var fetched = (await client.GetFromJsonAsync<WebhookSubscriptionResponse>($"/api/v1/webhooks/{created.Id}", Ct))!;

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/webhooks/{created.Id}");
        created.Secret.ShouldStartWith("whsec_");
        created.Events.ShouldBe(["generation.completed"]);
        listed.ShouldNotContain(created.Secret);
        fetched.ShouldSatisfyAllConditions(
            s => s.Url.ShouldBe("https://hooks.example.com/musicgen"),
            s => s.Active.ShouldBeTrue(),
            s => created.Secret.ShouldStartWith(s.SecretPrefix));

        var updated = await client.PutAsJsonAsync($"/api/v1/webhooks/{created.Id}", new WebhookSubscriptionRequest("https://hooks.example.com/v2", null, Active: false), Ct);
        updated.StatusCode.ShouldBe(HttpStatusCode.OK);
        var changed = (await updated.Content.ReadFromJsonAsync<WebhookSubscriptionResponse>(Ct))!;
        changed.ShouldSatisfyAllConditions(
            s => s.Url.ShouldBe("https://hooks.example.com/v2"),
            s => s.Events.ShouldBe(["generation.completed", "generation.failed"]),
            s => s.Active.ShouldBeFalse());

        (await client.DeleteAsync($"/api/v1/webhooks/{created.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.GetAsync($"/api/v1/webhooks/{created.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetFromJsonAsync<List<WebhookSubscriptionResponse>>("/api/v1/webhooks", Ct))!.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("""{"events":["generation.completed"]}""", "url")]
    [InlineData("""{"url":""}""", "url")]
    [InlineData("""{"url":"ftp://hooks.example.com/x"}""", "url")]
    [InlineData("""{"url":"/relative/path"}""", "url")]
    [InlineData("""{"url":"not a url"}""", "url")]
    [InlineData("""{"url":"http://localhost:8080/hook"}""", "url")]
    [InlineData("""{"url":"http://127.0.0.1/hook"}""", "url")]
    [InlineData("""{"url":"http://10.1.2.3/hook"}""", "url")]
    [InlineData("""{"url":"http://192.168.1.10/hook"}""", "url")]
    [InlineData("""{"url":"http://169.254.169.254/latest/meta-data"}""", "url")]
    [InlineData("""{"url":"http://[::1]/hook"}""", "url")]
    [InlineData("""{"url":"http://[fd00::1]/hook"}""", "url")]
    [InlineData("""{"url":"https://hooks.example.com/x","events":["song.done"]}""", "events")]
    public async Task InvalidSubscriptionIsAValidationProblemNamingTheField(string body, string field)
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, postgres);
        using var client = await factory.CreateUserClientAsync();
        var existing = (await (await client.PostAsJsonAsync("/api/v1/webhooks", new WebhookSubscriptionRequest("https://hooks.example.com/ok"), Ct)).Content.ReadFromJsonAsync<WebhookSubscriptionCreated>(Ct))!;

        var created = await client.PostAsync("/api/v1/webhooks", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        var updated = await client.PutAsync($"/api/v1/webhooks/{existing.Id}", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        (await created.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field)).GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
        await updated.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task AnotherUsersSubscriptionIsNotFoundEverywhere()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, postgres);
        using var alice = await factory.CreateUserClientAsync();
        using var bob = await factory.CreateUserClientAsync();
        var subscription = (await (await alice.PostAsJsonAsync("/api/v1/webhooks", new WebhookSubscriptionRequest("https://hooks.example.com/alice"), Ct)).Content.ReadFromJsonAsync<WebhookSubscriptionCreated>(Ct))!;
        var id = subscription.Id;

        (await bob.GetAsync($"/api/v1/webhooks/{id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bob.PutAsJsonAsync($"/api/v1/webhooks/{id}", new WebhookSubscriptionRequest("https://evil.example.com/"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bob.PostAsync($"/api/v1/webhooks/{id}/test", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bob.GetAsync($"/api/v1/webhooks/{id}/deliveries", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bob.DeleteAsync($"/api/v1/webhooks/{id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bob.GetFromJsonAsync<List<WebhookSubscriptionResponse>>("/api/v1/webhooks", Ct))!.ShouldBeEmpty();
        (await bob.GetFromJsonAsync<WebhookDeliveryPage>("/api/v1/webhooks/deliveries", Ct))!.Total.ShouldBe(0);

        var intact = (await alice.GetFromJsonAsync<WebhookSubscriptionResponse>($"/api/v1/webhooks/{id}", Ct))!;
        intact.Url.ShouldBe("https://hooks.example.com/alice");
    }

    [Fact]
    public async Task TestPingIsSignedDeliveredAndLogged()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, postgres, new Dictionary<string, string?> { ["Webhooks:AllowPrivateNetworks"] = "true" });
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = await factory.CreateUserClientAsync();
        var subscription = (await (await client.PostAsJsonAsync("/api/v1/webhooks", new WebhookSubscriptionRequest(receiver.Url), Ct)).Content.ReadFromJsonAsync<WebhookSubscriptionCreated>(Ct))!;

        var response = await client.PostAsync($"/api/v1/webhooks/{subscription.Id}/test", null, Ct);
        var delivery = (await response.Content.ReadFromJsonAsync<WebhookDeliveryResponse>(Ct))!;
        var log = (await client.GetFromJsonAsync<WebhookDeliveryPage>($"/api/v1/webhooks/{subscription.Id}/deliveries", Ct))!;

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        delivery.ShouldSatisfyAllConditions(
            d => d.Status.ShouldBe("Delivered"),
            d => d.Event.ShouldBe("ping"),
            d => d.ResponseStatus.ShouldBe(200),
            d => d.DeliveredAt.ShouldNotBeNull(),
            d => d.Attempts.Single().ResponseStatus.ShouldBe(200));
        var received = receiver.Received.ShouldHaveSingleItem();
        received.ShouldBeSignedWith(subscription.Secret);
        received.Event.ShouldBe("ping");
        received.DeliveryId.ShouldBe(delivery.Id.ToString());
        received.ContentType.ShouldStartWith("application/json");
        JsonDocument.Parse(received.Body).RootElement.GetProperty("subscriptionId").GetGuid().ShouldBe(subscription.Id);
        log.Items.ShouldHaveSingleItem().Id.ShouldBe(delivery.Id);
    }

    [Fact]
    public async Task FailedTestPingReportsTheResponseAndIsNotRetried()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, postgres, new Dictionary<string, string?> { ["Webhooks:AllowPrivateNetworks"] = "true" });
        await using var receiver = await WebhookReceiver.StartAsync(null, 500);
        using var client = await factory.CreateUserClientAsync();
        var subscription = (await (await client.PostAsJsonAsync("/api/v1/webhooks", new WebhookSubscriptionRequest(receiver.Url), Ct)).Content.ReadFromJsonAsync<WebhookSubscriptionCreated>(Ct))!;

        var delivery = (await (await client.PostAsync($"/api/v1/webhooks/{subscription.Id}/test", null, Ct)).Content.ReadFromJsonAsync<WebhookDeliveryResponse>(Ct))!;

        delivery.ShouldSatisfyAllConditions(
            d => d.Status.ShouldBe("Failed"),
            d => d.ResponseStatus.ShouldBe(500),
            d => d.Error.ShouldNotBeNull().ShouldContain("500"),
            d => d.NextAttemptAt.ShouldBeNull());
    }

    [Fact]
    public async Task PerRequestSigningSecretIsStableUntilRotated()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, postgres);
        using var client = await factory.CreateUserClientAsync();
        using var other = await factory.CreateUserClientAsync();

        var first = (await client.GetFromJsonAsync<WebhookSigningSecret>("/api/v1/webhooks/signing-secret", Ct))!;
        var again = (await client.GetFromJsonAsync<WebhookSigningSecret>("/api/v1/webhooks/signing-secret", Ct))!;
        var others = (await other.GetFromJsonAsync<WebhookSigningSecret>("/api/v1/webhooks/signing-secret", Ct))!;
        var rotated = (await (await client.PostAsync("/api/v1/webhooks/signing-secret/rotate", null, Ct)).Content.ReadFromJsonAsync<WebhookSigningSecret>(Ct))!;
        var afterRotation = (await client.GetFromJsonAsync<WebhookSigningSecret>("/api/v1/webhooks/signing-secret", Ct))!;

        first.Secret.ShouldStartWith("whsec_");
        again.Secret.ShouldBe(first.Secret);
        others.Secret.ShouldNotBe(first.Secret);
        rotated.Secret.ShouldNotBe(first.Secret);
        afterRotation.Secret.ShouldBe(rotated.Secret);
    }
}
