using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using MusicGen.Redis;
using Npgsql;

namespace MusicGen.Api.Problems;

/// <summary>
/// Turns the exceptions a client or an outage can cause into problem details: an unreadable request
/// is the client's 400, an unreachable database is a 503 with Retry-After — never a 500.
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        int status;
        string title;
        string detail;
        if (exception is BadHttpRequestException bad)
        {
            status = bad.StatusCode;
            title = "The request could not be read.";
            detail = bad.Message;
        }
        else if (IsDatabaseOutage(exception))
        {
            LogDatabaseUnavailable(logger, exception.Message);
            status = StatusCodes.Status503ServiceUnavailable;
            title = "The service is temporarily unavailable.";
            detail = $"The database cannot be reached right now. Nothing was changed; retry in {RetryAfterSeconds} seconds.";
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (exception is RedisConnectionException or RedisTimeoutException)
        {
            status = StatusCodes.Status503ServiceUnavailable;
            title = "The service is temporarily unavailable.";
            detail = $"The job queue cannot be reached right now; retry in {RetryAfterSeconds} seconds.";
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            return false;
        }

        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    public static bool IsDatabaseOutage(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    // Class 08 is connection trouble, 57P0x an administrator or crash shutdown, 53 out of resources.
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal) || postgres.SqlState.StartsWith("53", StringComparison.Ordinal);
                case NpgsqlException:
                    return true;
                case SqliteException sqlite:
                    return sqlite.SqliteErrorCode is 5 or 6 or 14;
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable, answered 503: {Reason}")]
    private static partial void LogDatabaseUnavailable(ILogger logger, string reason);
}
