namespace MusicGen.Redis;

/// <summary>Base of every error this client raises.</summary>
public class RedisException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The connection failed or was lost: the command may or may not have run on the server.</summary>
public sealed class RedisConnectionException(string message, Exception? inner = null) : RedisException(message, inner);

/// <summary>The server answered with an error reply; <see cref="Prefix"/> is its first word (ERR, NOSCRIPT, WRONGTYPE…).</summary>
public sealed class RedisServerException(string message) : RedisException(message)
{
    public string Prefix { get; } = message.Split(' ', 2)[0];
}

/// <summary>No reply arrived within the call's timeout.</summary>
public sealed class RedisTimeoutException(string message) : RedisException(message);
