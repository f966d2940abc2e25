namespace MusicGen.Web.Components.Health;

public enum ApiState
{
    Healthy,
    Unhealthy,
    Unreachable,
}
