using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicGen.Core.Data.Migrations;

/// <summary>
/// Every webhook attempt is kept (the delivery row holds only the latest outcome), and each user
/// gets a secret for signing deliveries to per-request webhook URLs.
/// </summary>
[DbContext(typeof(MusicDbContext))]
[Migration("20261122000010_WebhookAttempts")]
public sealed class WebhookAttempts : MusicMigration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("webhook_secret", "users", maxLength: 64, nullable: true);

        migrationBuilder.CreateTable(
            name: "webhook_delivery_attempts",
            columns: t => new
            {
                id = t.Column<Guid>(),
                delivery_id = t.Column<Guid>(),
                number = t.Column<int>(),
                attempted_at = Timestamp(t),
                response_status = t.Column<int>(nullable: true),
                error = t.Column<string>(maxLength: 1000, nullable: true),
                duration_ms = t.Column<int>(),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_webhook_delivery_attempts", x => x.id);
                t.ForeignKey("FK_webhook_delivery_attempts_webhook_deliveries_delivery_id", x => x.delivery_id, "webhook_deliveries", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_webhook_delivery_attempts_delivery_id_number", "webhook_delivery_attempts", ["delivery_id", "number"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("webhook_delivery_attempts");
        migrationBuilder.DropColumn("webhook_secret", "users");
    }
}
