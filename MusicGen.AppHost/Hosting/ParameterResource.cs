namespace MusicGen.AppHost.Hosting;

/// <summary>
/// A secret or setting: <c>Parameters:{name}</c> from configuration, else generated once and kept in
/// .musicgen/parameters.json so restarts keep the same value (a local database keeps its password).
/// </summary>
public sealed class ParameterResource(string name, bool secret, int generatedLength) : IResource
{
    private string? _value;

    public string Name { get; } = name;

    public bool Secret { get; } = secret;

    public int GeneratedLength { get; } = generatedLength;

    public string Value => _value ?? throw new InvalidOperationException($"Parameter '{Name}' has not been resolved yet.");

    internal void Resolve(string value) => _value = value;
}
