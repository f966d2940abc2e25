namespace MusicGen.Testing.Redis;

/// <summary>A redis-server shared by one test class.</summary>
public sealed class RedisFixture() : RedisServerFixture(RedisServerKind.Redis);
