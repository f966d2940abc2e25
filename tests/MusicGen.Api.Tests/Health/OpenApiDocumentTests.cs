using System.Text.Json;
using System.Text.Json.Nodes;
using MusicGen.Api.Tests.Infrastructure;
using MusicGen.Core.Data;
using MusicGen.Testing.Postgres;
using Microsoft.OpenApi;

namespace MusicGen.Api.Tests.Health;

/// <summary>
/// The API's surface is reviewed through <c>MusicGen.Api/openapi/v1.json</c>: the running API must serve exactly
/// that document, so a change to an endpoint, parameter or schema shows up as a diff of that file.
/// After an intended change, run the tests once with <c>MUSICGEN_UPDATE_OPENAPI=1</c> to rewrite it.
/// </summary>
public sealed class OpenApiDocumentTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheServedDocumentIsTheCommittedOneAndValidOpenApi()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, postgres);
        using var client = factory.CreateClient();
        var served = Normalize(await client.GetStringAsync("/openapi/v1.json", Ct));
        var committedPath = Path.Combine(RepositoryRoot(), "MusicGen.Api", "openapi", "v1.json");
        if (Environment.GetEnvironmentVariable("MUSICGEN_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(committedPath, served, Ct);
        }

        var committed = File.Exists(committedPath) ? Normalize(await File.ReadAllTextAsync(committedPath, Ct)) : "(missing)";
        var (document, diagnostic) = OpenApiDocument.Parse(served, "json");

        served.ShouldBe(committed, "The API surface changed: review it, then run the tests with MUSICGEN_UPDATE_OPENAPI=1 to update MusicGen.Api/openapi/v1.json.");
        diagnostic!.Errors.ShouldBeEmpty(string.Join("; ", diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}")));
        var parsed = document.ShouldNotBeNull();
        var errors = parsed.Validate(ValidationRuleSet.GetDefaultRuleSet())?.ToList() ?? [];
        errors.ShouldBeEmpty(string.Join("; ", errors.Select(e => $"{e.Pointer}: {e.Message}")));
        parsed.Paths.Keys.ShouldContain("/api/v1/tracks/{id}/download");
        parsed.Paths.Keys.ShouldContain("/api/v1/files/{token}");
    }

    /// <summary>Indented, LF line ends, without <c>servers</c> (the host the document was asked from).</summary>
    private static string Normalize(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("servers");
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MusicGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"MusicGen.sln not found above {AppContext.BaseDirectory}.");
    }
}
