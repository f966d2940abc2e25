using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicGen.Core.Data.Migrations;

[DbContext(typeof(MusicDbContext))]
[Migration("20261122000001_Init")]
public sealed class Init : MusicMigration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "users",
            columns: t => new
            {
                id = t.Column<Guid>(),
                email = t.Column<string>(maxLength: 320, nullable: true),
                password_hash = t.Column<string>(maxLength: 200, nullable: true),
                external_issuer = t.Column<string>(maxLength: 300, nullable: true),
                external_subject = t.Column<string>(maxLength: 200, nullable: true),
                display_name = t.Column<string>(maxLength: 120),
                role = t.Column<string>(maxLength: 16),
                monthly_quota_seconds = t.Column<int>(nullable: true),
                created_at = Timestamp(t),
            },
            constraints: t => t.PrimaryKey("PK_users", x => x.id));
        migrationBuilder.CreateIndex("IX_users_email", "users", "email", unique: true);
        migrationBuilder.CreateIndex("IX_users_external_issuer_external_subject", "users", ["external_issuer", "external_subject"], unique: true);

        migrationBuilder.CreateTable(
            name: "api_keys",
            columns: t => new
            {
                id = t.Column<Guid>(),
                user_id = t.Column<Guid>(),
                name = t.Column<string>(maxLength: 120),
                prefix = t.Column<string>(maxLength: 16),
                hash = t.Column<string>(maxLength: 64),
                created_at = Timestamp(t),
                last_used_at = Timestamp(t, nullable: true),
                revoked_at = Timestamp(t, nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_api_keys", x => x.id);
                t.ForeignKey("FK_api_keys_users_user_id", x => x.user_id, "users", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_api_keys_hash", "api_keys", "hash", unique: true);
        migrationBuilder.CreateIndex("IX_api_keys_user_id", "api_keys", "user_id");

        migrationBuilder.CreateTable(
            name: "refresh_tokens",
            columns: t => new
            {
                id = t.Column<Guid>(),
                user_id = t.Column<Guid>(),
                family_id = t.Column<Guid>(),
                token_hash = t.Column<string>(maxLength: 64),
                created_at = Timestamp(t),
                expires_at = Timestamp(t),
                revoked_at = Timestamp(t, nullable: true),
                replaced_by_id = t.Column<Guid>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_refresh_tokens", x => x.id);
                t.ForeignKey("FK_refresh_tokens_users_user_id", x => x.user_id, "users", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_refresh_tokens_token_hash", "refresh_tokens", "token_hash", unique: true);
        migrationBuilder.CreateIndex("IX_refresh_tokens_family_id", "refresh_tokens", "family_id");
        migrationBuilder.CreateIndex("IX_refresh_tokens_user_id", "refresh_tokens", "user_id");

        migrationBuilder.CreateTable(
            name: "generations",
            columns: t => new
            {
                id = t.Column<Guid>(),
                user_id = t.Column<Guid>(),
                name = t.Column<string>(maxLength: 200),
                prompt = t.Column<string>(nullable: true),
                composition_plan = t.Column<string>(nullable: true),
                length_ms = t.Column<int>(),
                output_format = t.Column<string>(maxLength: 40),
                variations = t.Column<int>(),
                seed = t.Column<long>(nullable: true),
                instrumental = t.Column<bool>(),
                lyrics = t.Column<string>(nullable: true),
                provider = t.Column<string>(maxLength: 40),
                model = t.Column<string>(maxLength: 80, nullable: true),
                webhook_url = t.Column<string>(maxLength: 2048, nullable: true),
                status = t.Column<string>(maxLength: 16),
                stage = t.Column<string>(maxLength: 40, nullable: true),
                progress = t.Column<int>(),
                attempts = t.Column<int>(),
                error_code = t.Column<string>(maxLength: 64, nullable: true),
                error_message = t.Column<string>(maxLength: 1000, nullable: true),
                provider_task_id = t.Column<string>(maxLength: 200, nullable: true),
                idempotency_key = t.Column<string>(maxLength: 200, nullable: true),
                request_hash = t.Column<string>(maxLength: 64, nullable: true),
                created_at = Timestamp(t),
                updated_at = Timestamp(t),
                started_at = Timestamp(t, nullable: true),
                completed_at = Timestamp(t, nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_generations", x => x.id);
                t.ForeignKey("FK_generations_users_user_id", x => x.user_id, "users", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_generations_user_id_created_at", "generations", ["user_id", "created_at"]);
        migrationBuilder.CreateIndex("IX_generations_user_id_idempotency_key", "generations", ["user_id", "idempotency_key"], unique: true);
        migrationBuilder.CreateIndex("IX_generations_status", "generations", "status");

        migrationBuilder.CreateTable(
            name: "tracks",
            columns: t => new
            {
                id = t.Column<Guid>(),
                generation_id = t.Column<Guid>(),
                variant_index = t.Column<int>(),
                title = t.Column<string>(maxLength: 200),
                duration_ms = t.Column<int>(),
                size_bytes = t.Column<long>(),
                checksum = t.Column<string>(maxLength: 64, nullable: true),
                waveform_peaks = t.Column<string>(nullable: true),
                bpm = t.Column<double>(nullable: true),
                musical_key = t.Column<string>(maxLength: 16, nullable: true),
                sections = t.Column<string>(nullable: true),
                lyrics_timestamps = t.Column<string>(nullable: true),
                created_at = Timestamp(t),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_tracks", x => x.id);
                t.ForeignKey("FK_tracks_generations_generation_id", x => x.generation_id, "generations", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_tracks_generation_id_variant_index", "tracks", ["generation_id", "variant_index"], unique: true);

        migrationBuilder.CreateTable(
            name: "track_files",
            columns: t => new
            {
                id = t.Column<Guid>(),
                track_id = t.Column<Guid>(),
                kind = t.Column<string>(maxLength: 16),
                name = t.Column<string>(maxLength: 40),
                storage_key = t.Column<string>(maxLength: 400),
                content_type = t.Column<string>(maxLength: 100),
                size_bytes = t.Column<long>(),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_track_files", x => x.id);
                t.ForeignKey("FK_track_files_tracks_track_id", x => x.track_id, "tracks", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_track_files_track_id_kind_name", "track_files", ["track_id", "kind", "name"], unique: true);

        migrationBuilder.CreateTable(
            name: "playlists",
            columns: t => new
            {
                id = t.Column<Guid>(),
                user_id = t.Column<Guid>(),
                name = t.Column<string>(maxLength: 200),
                description = t.Column<string>(maxLength: 2000, nullable: true),
                created_at = Timestamp(t),
                updated_at = Timestamp(t),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_playlists", x => x.id);
                t.ForeignKey("FK_playlists_users_user_id", x => x.user_id, "users", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_playlists_user_id", "playlists", "user_id");

        migrationBuilder.CreateTable(
            name: "playlist_tracks",
            columns: t => new
            {
                playlist_id = t.Column<Guid>(),
                track_id = t.Column<Guid>(),
                position = t.Column<int>(),
                added_at = Timestamp(t),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_playlist_tracks", x => new { x.playlist_id, x.track_id });
                t.ForeignKey("FK_playlist_tracks_playlists_playlist_id", x => x.playlist_id, "playlists", "id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("FK_playlist_tracks_tracks_track_id", x => x.track_id, "tracks", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_playlist_tracks_track_id", "playlist_tracks", "track_id");

        migrationBuilder.CreateTable(
            name: "webhook_subscriptions",
            columns: t => new
            {
                id = t.Column<Guid>(),
                user_id = t.Column<Guid>(),
                url = t.Column<string>(maxLength: 2048),
                secret = t.Column<string>(maxLength: 64),
                events = t.Column<string>(maxLength: 400),
                active = t.Column<bool>(),
                created_at = Timestamp(t),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_webhook_subscriptions", x => x.id);
                t.ForeignKey("FK_webhook_subscriptions_users_user_id", x => x.user_id, "users", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_webhook_subscriptions_user_id", "webhook_subscriptions", "user_id");

        migrationBuilder.CreateTable(
            name: "webhook_deliveries",
            columns: t => new
            {
                id = t.Column<Guid>(),
                user_id = t.Column<Guid>(),
                subscription_id = t.Column<Guid>(nullable: true),
                generation_id = t.Column<Guid>(nullable: true),
                url = t.Column<string>(maxLength: 2048),
                @event = t.Column<string>(maxLength: 64),
                payload = t.Column<string>(),
                status = t.Column<string>(maxLength: 16),
                attempts = t.Column<int>(),
                response_status = t.Column<int>(nullable: true),
                error = t.Column<string>(maxLength: 1000, nullable: true),
                created_at = Timestamp(t),
                next_attempt_at = Timestamp(t, nullable: true),
                delivered_at = Timestamp(t, nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_webhook_deliveries", x => x.id);
                t.ForeignKey("FK_webhook_deliveries_users_user_id", x => x.user_id, "users", "id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("FK_webhook_deliveries_webhook_subscriptions_subscription_id", x => x.subscription_id, "webhook_subscriptions", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_webhook_deliveries_user_id_created_at", "webhook_deliveries", ["user_id", "created_at"]);
        migrationBuilder.CreateIndex("IX_webhook_deliveries_status_next_attempt_at", "webhook_deliveries", ["status", "next_attempt_at"]);
        migrationBuilder.CreateIndex("IX_webhook_deliveries_subscription_id", "webhook_deliveries", "subscription_id");

        migrationBuilder.CreateTable(
            name: "outbox_messages",
            columns: t => new
            {
                id = t.Column<Guid>(),
                type = t.Column<string>(maxLength: 64),
                aggregate_id = t.Column<Guid>(),
                payload = t.Column<string>(),
                created_at = Timestamp(t),
                sent_at = Timestamp(t, nullable: true),
                attempts = t.Column<int>(),
                last_error = t.Column<string>(maxLength: 1000, nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_outbox_messages", x => x.id));
        migrationBuilder.CreateIndex("IX_outbox_messages_sent_at_created_at", "outbox_messages", ["sent_at", "created_at"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "outbox_messages", "webhook_deliveries", "webhook_subscriptions", "playlist_tracks", "playlists", "track_files", "tracks", "generations", "refresh_tokens", "api_keys", "users" })
        {
            migrationBuilder.DropTable(table);
        }
    }
}
