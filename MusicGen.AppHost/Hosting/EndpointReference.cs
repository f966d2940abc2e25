namespace MusicGen.AppHost.Hosting;

/// <summary>The loopback HTTP endpoint of a project: the port it listens on and its URL.</summary>
public sealed record EndpointReference(string Scheme, int Port)
{
    public string Url => $"{Scheme}://127.0.0.1:{Port}";
}
