namespace Microsoft.Extensions.Hosting;

internal static class Extensions
{
    /// <summary>
    /// The Worker's dependencies. Its health (served over HTTP so the AppHost and orchestrators can probe it)
    /// includes the database and Redis it consumes jobs from.
    /// </summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddMusicDb();
        builder.AddCacheHealthCheck();
    }
}
