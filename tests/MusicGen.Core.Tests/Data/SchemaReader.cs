using System.Data.Common;
using MusicGen.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace MusicGen.Core.Tests.Data;

/// <summary>Describes a schema as sorted lines, read either from a live database or from the EF model.</summary>
internal static class SchemaReader
{
    public static IReadOnlyList<string> FromModel(MusicDbContext db)
    {
        var model = db.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var lines = new List<string>();
        foreach (var table in model.Tables)
        {
            lines.AddRange(table.Columns.Select(c => $"column {table.Name}.{c.Name} {c.StoreType.ToLowerInvariant()} {(c.IsNullable ? "null" : "not null")}"));
            lines.AddRange(table.Indexes.Select(i => $"index {table.Name}.{i.Name} {(i.IsUnique ? "unique" : "")}({string.Join(",", i.Columns.Select(c => c.Name))})"));
            lines.AddRange(table.ForeignKeyConstraints.SelectMany(fk => fk.Columns.Select(c => $"fk {table.Name}.{c.Name} -> {fk.PrincipalTable.Name}")));
            lines.Add($"pk {table.Name}({string.Join(",", table.PrimaryKey!.Columns.Select(c => c.Name))})");
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    public static async Task<IReadOnlyList<string>> FromDatabaseAsync(MusicDbContext db, DatabaseProvider provider)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            var lines = provider == DatabaseProvider.Postgres ? await ReadPostgresAsync(connection) : await ReadSqliteAsync(connection);
            lines.Sort(StringComparer.Ordinal);
            return lines;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<List<string>> ReadPostgresAsync(DbConnection connection)
    {
        var lines = new List<string>();
        await ReadAsync(connection, """
            SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || CASE WHEN a.attnotnull THEN 'not null' ELSE 'null' END
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND c.relname NOT LIKE '\_\_EF%'
            UNION ALL
            SELECT CASE WHEN x.indisprimary THEN 'pk ' || t.relname ELSE 'index ' || t.relname || '.' || i.relname || ' ' || CASE WHEN x.indisunique THEN 'unique' ELSE '' END END
                || '(' || (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(x.indkey) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) || ')'
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND t.relname NOT LIKE '\_\_EF%'
            UNION ALL
            SELECT 'fk ' || t.relname || '.' || a.attname || ' -> ' || p.relname
            FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid JOIN pg_class p ON p.oid = con.confrelid
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY (con.conkey)
            WHERE con.contype = 'f'
            """, lines);
        return lines;
    }

    private static async Task<List<string>> ReadSqliteAsync(DbConnection connection)
    {
        var tables = new List<string>();
        await ReadAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT LIKE '\\_\\_EF%' ESCAPE '\\'", tables);
        var lines = new List<string>();
        foreach (var table in tables)
        {
            await ReadAsync(connection, $"SELECT 'column {table}.' || name || ' ' || lower(type) || ' ' || CASE WHEN \"notnull\" = 1 OR pk > 0 THEN 'not null' ELSE 'null' END FROM pragma_table_info('{table}')", lines);
            await ReadAsync(connection, $"SELECT 'pk {table}(' || group_concat(name, ',') || ')' FROM (SELECT name FROM pragma_table_info('{table}') WHERE pk > 0 ORDER BY pk)", lines);
            await ReadAsync(connection, $"SELECT 'fk {table}.' || \"from\" || ' -> ' || \"table\" FROM pragma_foreign_key_list('{table}')", lines);
            var indexes = new List<string>();
            await ReadAsync(connection, $"SELECT name || '|' || \"unique\" FROM pragma_index_list('{table}') WHERE origin = 'c'", indexes);
            foreach (var index in indexes.Select(i => i.Split('|')))
            {
                var columns = new List<string>();
                await ReadAsync(connection, $"SELECT name FROM pragma_index_info('{index[0]}') ORDER BY seqno", columns);
                lines.Add($"index {table}.{index[0]} {(index[1] == "1" ? "unique" : "")}({string.Join(",", columns)})");
            }
        }

        return lines;
    }

    private static async Task ReadAsync(DbConnection connection, string sql, List<string> into)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            into.Add(reader.GetString(0));
        }
    }
}
