using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;

namespace MusicGen.Core.Data.Migrations;

/// <summary>
/// Base of the hand-written migrations: the column helpers keep each migration provider-neutral
/// where the two providers store a type differently.
/// </summary>
public abstract class MusicMigration : Migration
{
    protected bool IsSqlite => ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>A DateTimeOffset column: <c>timestamptz</c> on Postgres, UTC ticks on SQLite (see <see cref="UtcTicksConverter"/>).</summary>
    protected OperationBuilder<AddColumnOperation> Timestamp(ColumnsBuilder columns, bool nullable = false) =>
        IsSqlite ? columns.Column<long>(nullable: nullable) : columns.Column<DateTimeOffset>(nullable: nullable);
}
