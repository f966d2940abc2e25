using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicGen.Core.Data.Migrations;

/// <summary>
/// The genre the engine reads in a generation's prompt, so the library filters by genre in the database
/// instead of scanning prompts. Older rows keep a null genre (no genre filter matches them).
/// </summary>
[DbContext(typeof(MusicDbContext))]
[Migration("20261122000050_GenerationGenre")]
public sealed class GenerationGenre : MusicMigration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("genre", "generations", maxLength: 16, nullable: true);
        migrationBuilder.CreateIndex("IX_generations_user_id_genre", "generations", ["user_id", "genre"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_generations_user_id_genre", "generations");
        migrationBuilder.DropColumn("genre", "generations");
    }
}
