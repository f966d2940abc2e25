using System.Text.Json.Nodes;

namespace MusicGen.AppHost.Publishing;

/// <summary>Builds the <c>resources</c> object of an Aspire manifest (schema: aspire-8.0.json), entry by entry.</summary>
public sealed class ManifestWriter
{
    public JsonObject Resources { get; } = [];

    public void Parameter(string name, bool secret, int generateLength) =>
        Resources[name] = new JsonObject
        {
            ["type"] = "parameter.v0",
            ["value"] = $"{{{name}.inputs.value}}",
            ["inputs"] = new JsonObject
            {
                ["value"] = new JsonObject
                {
                    ["type"] = "string",
                    ["secret"] = secret,
                    ["default"] = new JsonObject { ["generate"] = new JsonObject { ["minLength"] = generateLength } },
                },
            },
        };

    public void Value(string name, string connectionString) =>
        Resources[name] = new JsonObject { ["type"] = "value.v0", ["connectionString"] = connectionString };

    public void Container(
        string name, string image, string connectionString, IReadOnlyDictionary<string, string> env, string bindingScheme, int targetPort,
        string? entrypoint = null, IReadOnlyList<string>? args = null, (string Name, string Target)? volume = null)
    {
        var container = new JsonObject
        {
            ["type"] = "container.v0",
            ["connectionString"] = connectionString,
            ["image"] = image,
        };
        if (entrypoint is not null)
        {
            container["entrypoint"] = entrypoint;
        }

        if (args is not null)
        {
            container["args"] = new JsonArray([.. args.Select(a => (JsonNode)a)]);
        }

        if (volume is { } v)
        {
            container["volumes"] = new JsonArray(new JsonObject { ["name"] = v.Name, ["target"] = v.Target, ["readOnly"] = false });
        }

        container["env"] = Env(env);
        container["bindings"] = new JsonObject
        {
            [bindingScheme == "http" ? "http" : "tcp"] = new JsonObject
            {
                ["scheme"] = bindingScheme,
                ["protocol"] = "tcp",
                ["transport"] = bindingScheme == "http" ? "http" : "tcp",
                ["targetPort"] = targetPort,
            },
        };
        Resources[name] = container;
    }

    public void Project(string name, string relativePath, IReadOnlyDictionary<string, string> env, bool hasHttp, bool external)
    {
        var project = new JsonObject
        {
            ["type"] = "project.v0",
            ["path"] = relativePath,
            ["env"] = Env(env),
        };
        if (hasHttp)
        {
            var bindings = new JsonObject();
            foreach (var scheme in new[] { "http", "https" })
            {
                var binding = new JsonObject { ["scheme"] = scheme, ["protocol"] = "tcp", ["transport"] = "http" };
                if (external)
                {
                    binding["external"] = true;
                }

                bindings[scheme] = binding;
            }

            project["bindings"] = bindings;
        }

        Resources[name] = project;
    }

    private static JsonObject Env(IReadOnlyDictionary<string, string> env)
    {
        var result = new JsonObject();
        foreach (var (key, value) in env)
        {
            result[key] = value;
        }

        return result;
    }
}
