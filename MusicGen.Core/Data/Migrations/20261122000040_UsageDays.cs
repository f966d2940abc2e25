using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicGen.Core.Data.Migrations;

/// <summary>
/// Usage rolled up per user and UTC day, so a quota read sums a month of days rather than a month of
/// generations, and billing survives deleting a generation. The watermark starts before all time:
/// nothing is rolled up until the Worker's first pass.
/// </summary>
[DbContext(typeof(MusicDbContext))]
[Migration("20261122000040_UsageDays")]
public sealed class UsageDays : MusicMigration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "usage_days",
            columns: t => new
            {
                user_id = t.Column<Guid>(),
                day = Timestamp(t),
                generations = t.Column<int>(),
                billed_audio_ms = t.Column<long>(),
                deleted_generations = t.Column<int>(),
                deleted_billed_audio_ms = t.Column<long>(),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_usage_days", x => new { x.user_id, x.day });
                t.ForeignKey("FK_usage_days_users_user_id", x => x.user_id, "users", "id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "usage_watermark",
            columns: t => new
            {
                id = t.Column<int>(),
                rolled_through = Timestamp(t),
                version = t.Column<long>(),
            },
            constraints: t => t.PrimaryKey("PK_usage_watermark", x => x.id));
        migrationBuilder.Sql(IsSqlite
            ? "INSERT INTO usage_watermark (id, rolled_through, version) VALUES (1, 0, 0)"
            : "INSERT INTO usage_watermark (id, rolled_through, version) VALUES (1, '0001-01-01 00:00:00+00', 0)");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("usage_watermark");
        migrationBuilder.DropTable("usage_days");
    }
}
