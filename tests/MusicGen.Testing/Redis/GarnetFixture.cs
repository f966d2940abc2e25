namespace MusicGen.Testing.Redis;

/// <summary>A Garnet server shared by one test class.</summary>
public sealed class GarnetFixture() : RedisServerFixture(RedisServerKind.Garnet);
