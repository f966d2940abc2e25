using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicGen.Core.Data.Migrations;

/// <summary>
/// Quotas count audio by a stored figure rather than a recomputed one, so a later change of how a
/// generation is billed never rewrites history. Existing rows are backfilled with length × variations.
/// </summary>
[DbContext(typeof(MusicDbContext))]
[Migration("20261122000002_BilledAudio")]
public sealed class BilledAudio : MusicMigration
{
    private const string Backfill = "UPDATE generations SET billed_audio_ms = CAST(length_ms AS BIGINT) * variations";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (IsSqlite)
        {
            // SQLite cannot alter a column's nullability in place: add it NOT NULL with a default, then fill it.
            migrationBuilder.AddColumn<long>("billed_audio_ms", "generations", nullable: false, defaultValue: 0L);
            migrationBuilder.Sql(Backfill);
            return;
        }

        migrationBuilder.AddColumn<long>("billed_audio_ms", "generations", nullable: true);
        migrationBuilder.Sql(Backfill);
        migrationBuilder.AlterColumn<long>("billed_audio_ms", "generations", nullable: false, oldNullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn("billed_audio_ms", "generations");
    }
}
