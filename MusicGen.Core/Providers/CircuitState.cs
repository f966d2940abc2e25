namespace MusicGen.Core.Providers;

public enum CircuitState
{
    Closed,
    Open,
    HalfOpen,
}
