using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicGen.Core.Data.Migrations;

/// <summary>
/// An outbox message keeps the trace context of the request that wrote it, so a job the relay sends
/// later belongs to the same trace as the POST rather than starting a new one.
/// </summary>
[DbContext(typeof(MusicDbContext))]
[Migration("20261122000030_OutboxTraceContext")]
public sealed class OutboxTraceContext : MusicMigration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("trace_parent", "outbox_messages", maxLength: 128, nullable: true);
        migrationBuilder.AddColumn<string>("trace_state", "outbox_messages", maxLength: 512, nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn("trace_state", "outbox_messages");
        migrationBuilder.DropColumn("trace_parent", "outbox_messages");
    }
}
