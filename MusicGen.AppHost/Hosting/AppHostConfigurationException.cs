namespace MusicGen.AppHost.Hosting;

/// <summary>
/// Something the person running the AppHost must fix (a malformed connection string, a taken port):
/// printed as one line that says what to do, never as a stack trace.
/// </summary>
public sealed class AppHostConfigurationException(string message) : Exception(message);
