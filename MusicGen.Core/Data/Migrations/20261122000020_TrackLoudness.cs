using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicGen.Core.Data.Migrations;

/// <summary>
/// Each track keeps the loudness and true peak the master measured, so players and clients can level
/// tracks without decoding them. Nullable: older tracks and hosted providers have no measurement.
/// </summary>
[DbContext(typeof(MusicDbContext))]
[Migration("20261122000020_TrackLoudness")]
public sealed class TrackLoudness : MusicMigration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<double>("loudness_lufs", "tracks", nullable: true);
        migrationBuilder.AddColumn<double>("true_peak_dbtp", "tracks", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn("true_peak_dbtp", "tracks");
        migrationBuilder.DropColumn("loudness_lufs", "tracks");
    }
}
