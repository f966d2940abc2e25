using System.Net;
using System.Net.Http.Json;
using MusicGen.Api.Tests.Infrastructure;
using MusicGen.Contracts.Plans;
using MusicGen.Core.Data;
using MusicGen.Testing.Postgres;

namespace MusicGen.Api.Tests.Plans;

public sealed class PlansApiTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostPlanReturnsSectionsThatAddUpToTheRequestedLength()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, postgres);
        using var client = await factory.CreateUserClientAsync();

        var response = await client.PostAsJsonAsync("/api/v1/plans", new PlanRequest("melancholic lo-fi piano, 80 bpm, rain", 45_000), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var plan = (await response.Content.ReadFromJsonAsync<CompositionPlanDocument>(Ct))!;
        plan.Sections.Sum(s => s.DurationMs).ShouldBe(45_000);
        plan.Sections.ShouldAllBe(s => s.SectionName.Length > 0 && s.DurationMs >= 3_000);
        plan.PositiveGlobalStyles.ShouldContain("80 bpm");
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("\"section_name\"");
    }

    [Fact]
    public async Task PostPlanWithLengthOutOfRangeIsAProblemNamingLengthMs()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, postgres);
        using var client = await factory.CreateUserClientAsync();

        var response = await client.PostAsJsonAsync("/api/v1/plans", new PlanRequest("techno", 1_000), Ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "lengthMs");
    }

    [Fact]
    public async Task PostPlanWithoutSignInIsUnauthorized()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, postgres);
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/plans", new PlanRequest("techno"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
