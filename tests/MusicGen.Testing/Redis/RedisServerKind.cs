namespace MusicGen.Testing.Redis;

public enum RedisServerKind
{
    Redis,
    Garnet,
}
