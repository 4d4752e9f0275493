using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;
using Simpus.Core.Data;

namespace Simpus.Core.Tests.Data;

/// <summary>
/// Issue 14.4: every text column has a length limit in the database itself, a CHECK in its table's definition or (for
/// tables older than the rule) a trigger of migration 0045 that aborts the write; a few service-written blobs are named
/// exceptions.
/// </summary>
public sealed class TextLimitSchemaTests : IDisposable
{
    private static readonly HashSet<(string Table, string Column)> Unlimited =
    [
        ("settings", "value"), ("outbox", "response"), ("outbox", "last_error"), ("exchange_packages", "file"),
        ("schema_migrations", "name"), ("schema_migrations", "applied_at"),
    ];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "simpus-tests", "text-limits-" + Guid.NewGuid().ToString("N"));
    private readonly Database _db;

    public TextLimitSchemaTests()
    {
        Directory.CreateDirectory(_folder);
        _db = new Database(Path.Combine(_folder, "simpus.db"));
        Migrator.ForClinic(_db).MigrateUp();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, true);
    }

    [Fact]
    public void Every_text_column_of_the_clinic_database_has_a_length_limit_in_the_schema()
    {
        using var c = _db.Open();
        var tables = c.Query<(string Name, string Sql)>(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").ToList();
        var triggers = c.Query<(string Table, string Sql)>("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'text_limit_%'")
            .ToLookup(t => t.Table, t => t.Sql);
        var unlimited = new List<string>();
        var textColumns = 0;
        foreach (var (table, sql) in tables)
        {
            foreach (var column in c.Query<(string Name, string Type)>($"SELECT name, type FROM pragma_table_info('{table}')"))
            {
                if (!column.Type.Equals("TEXT", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                textColumns++;
                var name = Regex.Escape(column.Name);
                var limited = Regex.IsMatch(sql, $@"length\(\s*{name}\s*\)")
                    || Regex.IsMatch(sql, $@"\b{name}\s+TEXT[^,]*CHECK\s*\(\s*{name}\s+(IN|GLOB|=|LIKE)\b")
                    || triggers[table].Count(t => Regex.IsMatch(t, $@"length\(NEW\.{name}\) > \d+")) == 2;
                if (!limited && !Unlimited.Contains((table, column.Name)))
                {
                    unlimited.Add($"{table}.{column.Name}");
                }
            }
        }

        Assert.True(textColumns > 200, $"only {textColumns} text columns found");
        Assert.True(unlimited.Count == 0, "text columns without a length limit: " + string.Join(", ", unlimited));
    }

    [Fact]
    public void Too_long_text_is_refused_by_the_database_and_the_row_stays_as_it_was()
    {
        using var c = _db.Open();
        c.Execute("INSERT INTO payers (code, name, sort_order) VALUES ('uji', 'Uji', 99)");
        var huge = new string('x', 4001);

        var insert = Assert.Throws<SqliteException>(() => c.Execute("INSERT INTO payers (code, name, sort_order) VALUES ('uji2', @huge, 100)", new { huge }));
        var update = Assert.Throws<SqliteException>(() => c.Execute("UPDATE payers SET name = @huge WHERE code = 'uji'", new { huge }));

        Assert.Contains("text.tooLong", insert.Message, StringComparison.Ordinal);
        Assert.Contains("text.tooLong", update.Message, StringComparison.Ordinal);
        Assert.Equal("Uji", c.ExecuteScalar<string>("SELECT name FROM payers WHERE code = 'uji'"));
        Assert.Equal(0L, c.ExecuteScalar<long>("SELECT COUNT(*) FROM payers WHERE code = 'uji2'"));
        c.Execute("UPDATE payers SET name = @ok WHERE code = 'uji'", new { ok = new string('y', 4000) });
    }
}
