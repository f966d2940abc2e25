using MusicGen.Core.Data;

namespace MusicGen.Core.Tests.Data;

public sealed class MusicDatabaseTests
{
    [Theory]
    [InlineData("Host=localhost;Port=5432;Username=mg;Password=pw;Database=musicdb", DatabaseProvider.Postgres)]
    [InlineData("Server=db;Database=musicdb", DatabaseProvider.Postgres)]
    [InlineData("Data Source=.musicgen/musicdb.db", DatabaseProvider.Sqlite)]
    [InlineData("DataSource=music.db;Cache=Shared", DatabaseProvider.Sqlite)]
    public void ParseWellFormedStringPicksProviderFromItsForm(string connectionString, DatabaseProvider expected)
    {
        MusicDatabase.Parse(connectionString).Provider.ShouldBe(expected);
    }

    [Theory]
    [InlineData(null, "is not set")]
    [InlineData("  ", "is not set")]
    [InlineData("localhost:5432", "not a list of key=value pairs")]
    [InlineData("Port=5432;Database=musicdb", "names neither Host= (Postgres) nor Data Source= (SQLite)")]
    [InlineData("Host=localhost;Password=secret-pw;Database=musicdb;Bogus Key=1", "Npgsql rejects it")]
    [InlineData("Host=localhost;Password=secret-pw", "needs Database=")]
    [InlineData("Data Source=", "needs a file name")]
    [InlineData("Host=\"unterminated;Password=secret-pw", "not a list of key=value pairs")]
    public void ParseMissingOrMalformedStringThrowsWithWhatToFix(string? connectionString, string reason)
    {
        var error = Should.Throw<InvalidOperationException>(() => MusicDatabase.Parse(connectionString));

        error.Message.ShouldStartWith("ConnectionStrings:musicdb ");
        error.Message.ShouldContain(reason);
        error.Message.ShouldNotContain("secret-pw");
    }
}
