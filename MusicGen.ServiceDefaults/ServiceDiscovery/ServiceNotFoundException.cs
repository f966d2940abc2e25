namespace MusicGen.ServiceDefaults.ServiceDiscovery;

/// <summary>A logical service name could not be resolved from the <c>services:</c> configuration.</summary>
public sealed class ServiceNotFoundException(string message) : InvalidOperationException(message);
