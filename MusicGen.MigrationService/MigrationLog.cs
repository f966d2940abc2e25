namespace MusicGen.MigrationService;

internal static partial class MigrationLog
{
    [LoggerMessage(Level = LogLevel.Critical, Message = "Migrating the database failed: {Reason}")]
    public static partial void Failed(this ILogger logger, string reason, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Migration canceled before it finished")]
    public static partial void Canceled(this ILogger logger);
}
