using MusicGen.Core.Data;
using MusicGen.Core.Generations;
using MusicGen.Core.Outbox;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace MusicGen.Api.Generations;

/// <summary>What the submit statement saw and did: no row at all means the user does not exist.</summary>
public sealed record SubmitStatementResult(int LimitSeconds, long UsedMs, bool Inserted);

/// <summary>
/// The submit path on Postgres in one statement, so one round trip and one commit: read the user's
/// quota, sum the month's billed audio (rolled-up days plus the generations since, or take it from <see cref="QuotaUsageCounter"/>), and only if the new generation fits insert it and its outbox
/// row. A single statement is atomic, so the two rows still commit together or not at all. Through EF
/// the same work took a user query, the sum, BEGIN, the inserts and COMMIT, each waiting on the last.
/// </summary>
public static class PostgresSubmitStatement
{
    // A second request with the same idempotency key loses on the unique index and inserts nothing;
    // the caller then answers with the winner's generation.
    // UsageLedger.UsedMsAsync in SQL: rolled-up days before the watermark, deleted generations' audio, and
    // the generations from the watermark on; still one statement, so still one round trip.
    private const string SumUsage = """
        SELECT (
            COALESCE((SELECT SUM(CASE WHEN d.day < w.rolled_through THEN d.billed_audio_ms ELSE 0 END + d.deleted_billed_audio_ms)
                FROM usage_days d WHERE d.user_id = @user_id AND d.day >= @month_start), 0)
          + COALESCE((SELECT SUM(g.billed_audio_ms) FROM generations g
                WHERE g.user_id = @user_id AND g.created_at >= GREATEST(@month_start, w.rolled_through)
                AND g.status <> 'Failed' AND g.status <> 'Canceled'), 0))::bigint AS used_ms
        FROM (SELECT COALESCE((SELECT rolled_through FROM usage_watermark WHERE id = 1), '-infinity'::timestamptz) AS rolled_through) w
        """;

    private const string KnownUsage = "SELECT @known_used_ms::bigint AS used_ms";

    private const string Sql = """
        WITH account AS (
            SELECT COALESCE(monthly_quota_seconds, @default_quota_seconds) AS limit_seconds FROM users WHERE id = @user_id),
        usage AS ({0}),
        inserted AS (
            INSERT INTO generations (id, user_id, name, prompt, composition_plan, length_ms, output_format, variations, seed,
                instrumental, lyrics, provider, model, webhook_url, genre, billed_audio_ms, status, progress, attempts,
                idempotency_key, request_hash, created_at, updated_at)
            SELECT @id, @user_id, @name, @prompt, @composition_plan, @length_ms, @output_format, @variations, @seed,
                @instrumental, @lyrics, @provider, @model, @webhook_url, @genre, @billed_audio_ms, @status, 0, 0,
                @idempotency_key, @request_hash, @created_at, @created_at
            FROM account, usage
            WHERE usage.used_ms + @billed_audio_ms <= account.limit_seconds * 1000::bigint
            ON CONFLICT (user_id, idempotency_key) DO NOTHING
            RETURNING id),
        outbox AS (
            INSERT INTO outbox_messages (id, type, aggregate_id, payload, created_at, attempts, trace_parent, trace_state)
            SELECT @message_id, @message_type, id, @message_payload, @created_at, 0, @trace_parent, @trace_state FROM inserted)
        SELECT account.limit_seconds, usage.used_ms, EXISTS (SELECT 1 FROM inserted) FROM account, usage
        """;

    private static readonly string SummingSql = Sql.Replace("{0}", SumUsage, StringComparison.Ordinal);
    private static readonly string CountedSql = Sql.Replace("{0}", KnownUsage, StringComparison.Ordinal);

    /// <summary>
    /// Runs the statement on the context's connection, which the caller has opened; null when the user
    /// does not exist. With <paramref name="knownUsedMs"/> (from <see cref="QuotaUsageCounter"/>) it skips the month's sum.
    /// </summary>
    public static async Task<SubmitStatementResult?> ExecuteAsync(MusicDbContext db, Generation generation, OutboxMessage message, int defaultQuotaSeconds, DateTimeOffset monthStart, long? knownUsedMs, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(knownUsedMs is null ? SummingSql : CountedSql, connection);
        var p = command.Parameters;
        if (knownUsedMs is { } used)
        {
            p.AddWithValue("known_used_ms", used);
        }

        p.AddWithValue("default_quota_seconds", defaultQuotaSeconds);
        p.AddWithValue("user_id", generation.UserId);
        p.AddWithValue("month_start", monthStart);
        p.AddWithValue("id", generation.Id);
        p.AddWithValue("name", generation.Name);
        p.AddWithValue("prompt", (object?)generation.Prompt ?? DBNull.Value).NpgsqlDbType = NpgsqlDbType.Text;
        p.AddWithValue("composition_plan", (object?)generation.CompositionPlan ?? DBNull.Value).NpgsqlDbType = NpgsqlDbType.Text;
        p.AddWithValue("length_ms", generation.LengthMs);
        p.AddWithValue("output_format", generation.OutputFormat);
        p.AddWithValue("variations", generation.Variations);
        p.AddWithValue("seed", (object?)generation.Seed ?? DBNull.Value).NpgsqlDbType = NpgsqlDbType.Bigint;
        p.AddWithValue("instrumental", generation.Instrumental);
        p.AddWithValue("lyrics", (object?)generation.Lyrics ?? DBNull.Value).NpgsqlDbType = NpgsqlDbType.Text;
        p.AddWithValue("provider", generation.Provider);
        p.AddWithValue("model", (object?)generation.Model ?? DBNull.Value).NpgsqlDbType = NpgsqlDbType.Varchar;
        p.AddWithValue("webhook_url", (object?)generation.WebhookUrl ?? DBNull.Value).NpgsqlDbType = NpgsqlDbType.Varchar;
        p.AddWithValue("genre", (object?)generation.Genre ?? DBNull.Value).NpgsqlDbType = NpgsqlDbType.Varchar;
        p.AddWithValue("billed_audio_ms", generation.BilledAudioMs);
        p.AddWithValue("status", generation.Status.ToString());
        p.AddWithValue("idempotency_key", (object?)generation.IdempotencyKey ?? DBNull.Value).NpgsqlDbType = NpgsqlDbType.Varchar;
        p.AddWithValue("request_hash", (object?)generation.RequestHash ?? DBNull.Value).NpgsqlDbType = NpgsqlDbType.Varchar;
        p.AddWithValue("created_at", generation.CreatedAt);
        p.AddWithValue("message_id", message.Id);
        p.AddWithValue("message_type", message.Type);
        p.AddWithValue("message_payload", message.Payload);
        p.AddWithValue("trace_parent", (object?)message.TraceParent ?? DBNull.Value).NpgsqlDbType = NpgsqlDbType.Varchar;
        p.AddWithValue("trace_state", (object?)message.TraceState ?? DBNull.Value).NpgsqlDbType = NpgsqlDbType.Varchar;

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new SubmitStatementResult(reader.GetInt32(0), reader.GetInt64(1), reader.GetBoolean(2));
    }
}
