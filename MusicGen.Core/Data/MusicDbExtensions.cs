using MusicGen.Core.Data;
using MusicGen.Core.Health;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static class MusicDbExtensions
{
    /// <summary>
    /// Registers <see cref="MusicDbContext"/> on the database named by <c>ConnectionStrings:musicdb</c>
    /// (Postgres or SQLite, chosen from the string's form) and a <c>musicdb</c> health check.
    /// Throws at startup, with what to fix, when the string is missing or malformed.
    /// Does not migrate: MusicGen.MigrationService does that once, before the services start.
    /// </summary>
    public static IHostApplicationBuilder AddMusicDb(this IHostApplicationBuilder builder)
    {
        var database = MusicDatabase.Parse(builder.Configuration.GetConnectionString(MusicDatabase.ConnectionName));
        builder.Services.AddSingleton(database);
        builder.Services.AddDbContextPool<MusicDbContext>(database.Configure);
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>(MusicDatabase.ConnectionName, tags: ["ready"]);
        return builder;
    }
}
