using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace MusicGen.AppHost.Servers;

/// <summary>
/// Values of AppHost parameters: <c>Parameters:{name}</c> from configuration wins; otherwise a value is
/// generated once and kept in .musicgen/parameters.json, so a local database keeps its password across runs.
/// </summary>
public sealed class ParameterStore(IConfiguration configuration, string dataDirectory)
{
    private readonly Lock _gate = new();
    private Dictionary<string, string>? _stored;

    private string FilePath => Path.Combine(dataDirectory, "parameters.json");

    public string Get(string name, int generatedLength)
    {
        if (configuration[$"Parameters:{name}"] is { Length: > 0 } configured)
        {
            return configured;
        }

        lock (_gate)
        {
            _stored ??= Load();
            if (!_stored.TryGetValue(name, out var value))
            {
                value = Generate(generatedLength);
                _stored[name] = value;
                Directory.CreateDirectory(dataDirectory);
                File.WriteAllText(FilePath, JsonSerializer.Serialize(_stored, new JsonSerializerOptions { WriteIndented = true }));
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(FilePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
            }

            return value;
        }
    }

    private Dictionary<string, string> Load() =>
        File.Exists(FilePath)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(FilePath)) ?? []
            : [];

    // Letters and digits only: the value goes into connection strings and command lines unquoted.
    private static string Generate(int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        return RandomNumberGenerator.GetString(alphabet, length);
    }
}
