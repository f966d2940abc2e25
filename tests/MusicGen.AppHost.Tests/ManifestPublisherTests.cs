using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Schema;

namespace MusicGen.AppHost.Tests;

/// <summary><c>--publisher manifest</c> writes the graph as an Aspire manifest azd can read.</summary>
[Collection(AppHostCollection.Name)]
public sealed class ManifestPublisherTests
{
    [Fact]
    public async Task PublishedManifestValidatesAgainstTheAspireSchemaAndNamesTheGraph()
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("musicgen-manifest-").FullName, "aspire-manifest.json");
        await using var run = AppHostRun.Start(null, "--publisher", "manifest", "--output-path", output);
        (await run.WaitForExitAsync(TimeSpan.FromMinutes(1))).ShouldBe(0, run.Output);

        var manifest = JObject.Parse(await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken));
        var schema = JSchema.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "aspire-8.0.schema.json"), TestContext.Current.CancellationToken));
        manifest.IsValid(schema, out IList<string> errors).ShouldBeTrue(string.Join('\n', errors));

        var resources = (JObject)manifest["resources"]!;
        Type(resources, "postgres").ShouldBe("container.v0");
        Type(resources, "musicdb").ShouldBe("value.v0");
        resources["musicdb"]!["connectionString"]!.ToString().ShouldBe("{postgres.connectionString};Database=musicdb");
        Type(resources, "cache").ShouldBe("container.v0");
        Type(resources, "storage").ShouldBe("container.v0");
        foreach (var project in new[] { "api", "worker", "web" })
        {
            Type(resources, project).ShouldBe("project.v0");
            var path = Path.GetFullPath(resources[project]!["path"]!.ToString(), Path.GetDirectoryName(output)!);
            File.Exists(path).ShouldBeTrue($"{project} path {path}");
        }

        foreach (var project in new[] { "api", "worker" })
        {
            var env = (JObject)resources[project]!["env"]!;
            env["ConnectionStrings__musicdb"]!.ToString().ShouldBe("{musicdb.connectionString}");
            env["ConnectionStrings__cache"]!.ToString().ShouldBe("{cache.connectionString}");
            env["ConnectionStrings__storage"]!.ToString().ShouldBe("{storage.connectionString}");
        }

        var web = resources["web"]!;
        web["env"]!["services__api__http__0"]!.ToString().ShouldBe("{api.bindings.http.url}");
        web["env"]!["ConnectionStrings__musicdb"].ShouldBeNull("the Web never touches the database");
        web["env"]!["ConnectionStrings__cache"]!.ToString().ShouldBe("{cache.connectionString}", "replicas share sessions and Data Protection keys");
        ((bool?)web["bindings"]!["http"]!["external"]).ShouldBe(true);
        resources["api"]!["bindings"]!["http"]!["external"].ShouldBeNull();
    }

    private static string Type(JObject resources, string name) =>
        resources[name]?["type"]?.ToString() ?? throw new ShouldAssertException($"no resource '{name}' in the manifest");
}
