namespace MusicGen.Core.Data;

public enum DatabaseProvider
{
    Postgres,
    Sqlite,
}
