using Microsoft.Extensions.Logging;

namespace MusicGen.Core.Data;

internal static partial class MigrationLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting for the migration lock ({Lock})")]
    public static partial void WaitingForLock(this ILogger logger, string @lock);

    [LoggerMessage(Level = LogLevel.Information, Message = "The database schema is up to date")]
    public static partial void UpToDate(this ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} migration(s): {Migrations}")]
    public static partial void Applying(this ILogger logger, int count, string migrations);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} migration(s)")]
    public static partial void Applied(this ILogger logger, int count);
}
