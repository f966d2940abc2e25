namespace MusicGen.Redis.Queue;

/// <summary>Thrown by a handler when retrying cannot help: the job fails at once, whatever attempts remain.</summary>
public sealed class UnrecoverableJobException(string message, Exception? inner = null) : Exception(message, inner);
