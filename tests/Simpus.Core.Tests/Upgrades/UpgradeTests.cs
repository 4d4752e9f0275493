using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Simpus.Core.Data;

namespace Simpus.Core.Tests.Upgrades;

/// <summary>
/// Upgrades never lose data: a database of each released schema (a committed fixture) migrates to the newest schema with
/// every row of every old table still there (old columns compared value by value, whatever later migrations add), and a
/// failing migration leaves the database exactly as it was.
/// </summary>
public sealed class UpgradeTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "simpus-tests", "upgrade-" + Guid.NewGuid().ToString("N"));

    public UpgradeTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, true);
    }

    private Database CopyOf(string fixture)
    {
        var path = Path.Combine(_folder, "simpus.db");
        File.Copy(ReleaseFixtures.PathOf(fixture), path, overwrite: true);
        return new Database(path);
    }

    [Fact]
    public void The_release_fixture_has_rows_in_every_table_of_its_schema()
    {
        var tables = Snapshot(ReleaseFixtures.PathOf(ReleaseFixtures.Clinic0006));

        Assert.Equal(Enumerable.Range(1, 6).Except([5]).ToList(),
            tables["schema_migrations"].Rows.Select(r => Convert.ToInt32(r[0], CultureInfo.InvariantCulture)).Order().ToList());
        Assert.True(tables.Count >= 30);
        Assert.All(tables, t => Assert.True(t.Value.Rows.Count > 0, $"table {t.Key} is empty in the fixture"));
    }

    [Fact]
    public void Rebuilding_the_users_table_keeps_profiles_and_the_sessions_that_reference_it()
    {
        // A clinic running the sessions release (0012) with a user logged in, upgraded past the pharmacy's rebuild of users.
        var db = new Database(Path.Combine(_folder, "simpus.db"));
        Migrator.ForClinic(db).UpTo(12).MigrateUp();
        using (var c = db.Open())
        {
            c.Execute("""
                INSERT INTO users (id, username, full_name, password_hash, role, active, nip, sip, nik, created_at, updated_at)
                VALUES (7, 'dokter', 'dr. Rina', 'x', 'klinisi', 1, '198001012010012001', 'SIP 123', '3374011201800001', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
                INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, address, user_agent)
                VALUES (printf('%064d', 1), 7, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '127.0.0.1', 'test');
                """);
        }

        Migrator.ForClinic(db).MigrateUp();

        using var read = db.Open();
        var user = read.QuerySingle<(string Nip, string Sip, string Nik)>("SELECT nip, sip, nik FROM users WHERE id = 7");
        Assert.Equal(("198001012010012001", "SIP 123", "3374011201800001"), user);
        Assert.Equal(7L, read.ExecuteScalar<long>("SELECT user_id FROM sessions"));
        Assert.Empty(read.Query("PRAGMA foreign_key_check"));
        read.Execute("UPDATE users SET role = 'farmasi' WHERE id = 7");
    }

    [Fact]
    public void A_release_0006_database_migrates_to_the_newest_schema_without_losing_a_row()
    {
        var db = CopyOf(ReleaseFixtures.Clinic0006);
        var before = Snapshot(db.FilePath);
        var expected = Corrected(ReleaseFixtures.PathOf(ReleaseFixtures.Clinic0006));

        var migrator = Migrator.ForClinic(db);
        var applied = migrator.MigrateUp();

        var after = Snapshot(db.FilePath);
        Assert.Equal(migrator.Available().Count(m => m.Version > 6), applied);
        Assert.Equal(before.Keys.Order(), expected.Keys.Order());
        foreach (var (table, old) in expected)
        {
            var now = Reshaped.TryGetValue(table, out var readBack) ? Query(db.FilePath, readBack)
                : after.TryGetValue(table, out var same) ? same : null;
            if (now is null)
            {
                Assert.Fail($"table {table} disappeared in the upgrade");
            }
            Assert.True(now.Rows.Count >= old.Rows.Count, $"{table}: {old.Rows.Count} rows before, {now.Rows.Count} after");
            var missingColumns = old.Columns.Except(now.Columns).ToList();
            Assert.True(missingColumns.Count == 0, $"{table}: columns {string.Join(", ", missingColumns)} disappeared");
            var remaining = now.Project(old.Columns).GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());
            foreach (var row in old.Project(old.Columns))
            {
                Assert.True(remaining.TryGetValue(row, out var n) && n > 0, $"{table}: row [{row}] lost or changed in the upgrade");
                remaining[row] = n - 1;
            }
        }
        // Samples read through today's schema, as the service reads them.
        using var c = db.Open();
        Assert.Equal("Siti Aminah", c.ExecuteScalar<string>("SELECT name FROM patients WHERE rm = 'KK-000001-02'"));
        Assert.Equal("Pasien ganda, sama dengan KK-000002-01", c.ExecuteScalar<string>("SELECT void_reason FROM patients WHERE rm = 'KK-000002-02'"));
        Assert.Equal(38.2, c.ExecuteScalar<double>("SELECT temperature FROM examinations WHERE visit_id = 1"));
        Assert.Equal("ok", c.ExecuteScalar<string>("PRAGMA integrity_check"));
        Assert.Empty(c.Query("PRAGMA foreign_key_check"));
        // A copy was taken before migrating, and it is the release's database as it was.
        if (applied > 0)
        {
            Assert.NotNull(migrator.LastPreMigrationBackup);
            var copy = Snapshot(migrator.LastPreMigrationBackup!);
            Assert.Equal(before.Keys.Order(), copy.Keys.Order());
            Assert.All(before, t => Assert.Equal(t.Value.Rows.Count, copy[t.Key].Rows.Count));
        }
    }

    /// <summary>
    /// Tables a later migration replaced by others, each with the query that reads the old rows back from the new tables
    /// (every old column, so that the row-by-row comparison above holds them to the same standard).
    /// </summary>
    private static readonly Dictionary<string, string> Reshaped = new(StringComparer.Ordinal)
    {
        // 0020_kohort_ibu: antenatal contacts belong to a pregnancy; the contact number is its rank in the pregnancy
        // (no longer typed), the typed week is kept as recorded_week, risk factors are the pregnancy's.
        ["kia_antenatal"] = """
            SELECT c.id, c.visit_id, c.patient_id, c.recorded_week AS gestational_week,
                   ROW_NUMBER() OVER (PARTITION BY c.pregnancy_id ORDER BY v.arrived_at, c.id) AS visit_number,
                   p.risk_flags, c.voided_at, c.voided_by, c.void_reason
            FROM kia_antenatal_contacts c
            JOIN kia_pregnancies p ON p.id = c.pregnancy_id
            JOIN visits v ON v.id = c.visit_id
            ORDER BY c.id
            """,
    };

    /// <summary>
    /// Values later migrations correct on purpose, each as its migration does it: applied to a copy of the release's
    /// database, they give the rows expected after the upgrade (everything else must come through unchanged).
    /// </summary>
    private static readonly string[] Corrections =
    [
        // 0023_ramadan_six_day: Ramadan 1447 H ends on 20 March 2026 (1 Syawal is 21 March), not on the 19th.
        "UPDATE ramadan_periods SET end_date = '2026-03-20' WHERE start_date = '2026-02-19' AND end_date = '2026-03-19'",
    ];

    private Dictionary<string, Table> Corrected(string fixture)
    {
        var path = Path.Combine(_folder, "expected.db");
        File.Copy(fixture, path, overwrite: true);
        using (var c = Open(path))
        {
            foreach (var sql in Corrections)
            {
                c.Execute(sql);
            }
        }
        return Snapshot(path);
    }

    [Fact]
    public void A_failing_migration_leaves_the_database_exactly_as_it_was()
    {
        var db = CopyOf(ReleaseFixtures.Clinic0006);
        var before = Snapshot(db.FilePath);
        var broken = new Migration(9999, "9999_broken.sql", () => """
            CREATE TABLE half_done (id INTEGER PRIMARY KEY);
            UPDATE patients SET name = 'DIUBAH';
            INSERT INTO no_such_table VALUES (1);
            """);

        var error = Assert.Throws<MigrationFailedException>(() => Migrator.ForClinic(db).With(broken).MigrateUp());

        Assert.Equal(9999, error.Migration.Version);
        var after = Snapshot(db.FilePath);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (table, old) in before)
        {
            Assert.Equal(old.Columns, after[table].Columns);
            Assert.Equal(old.Rows.Select(r => string.Join('|', r)), after[table].Rows.Select(r => string.Join('|', r)));
        }
        // Fixed, the upgrade then goes through.
        Assert.Equal(Migrator.ForClinic(db).Available().Count(m => m.Version > 6), Migrator.ForClinic(db).MigrateUp());
    }

    [Fact]
    public void Writes_the_fixtures_when_asked()
    {
        // Documents (and, with SIMPUS_WRITE_FIXTURES=1, redoes) how the committed fixture was made; otherwise checks that the
        // builder still produces the same tables and row counts as the committed file.
        var target = Environment.GetEnvironmentVariable("SIMPUS_WRITE_FIXTURES") == "1"
            ? Path.Combine(AppContext.BaseDirectory, "../../../Upgrades/Fixtures", ReleaseFixtures.Clinic0006)
            : Path.Combine(_folder, ReleaseFixtures.Clinic0006);

        ReleaseFixtures.BuildClinic0006(target);

        var built = Snapshot(target);
        var committed = Snapshot(ReleaseFixtures.PathOf(ReleaseFixtures.Clinic0006));
        Assert.Equal(committed.Keys.Order(), built.Keys.Order());
        Assert.All(committed, t => Assert.Equal(t.Value.Rows.Count, built[t.Key].Rows.Count));
    }

    private sealed record Table(List<string> Columns, List<object?[]> Rows)
    {
        public IEnumerable<string> Project(List<string> columns)
        {
            var index = columns.Select(c => Columns.IndexOf(c)).ToArray();
            return Rows.Select(r => string.Join('\u001f', index.Select(i => Format(r[i]))));
        }

        private static string Format(object? v) => v switch
        {
            null => "∅",
            byte[] b => Convert.ToHexString(b),
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
        };
    }

    /// <summary>Every table with its columns and rows (in rowid/primary-key order), read without pooling.</summary>
    private static Dictionary<string, Table> Snapshot(string path)
    {
        using var c = Open(path);
        return c.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").ToList()
            .ToDictionary(name => name, name => Read(c, $"SELECT * FROM \"{name}\""), StringComparer.Ordinal);
    }

    private static Table Query(string path, string sql)
    {
        using var c = Open(path);
        return Read(c, sql);
    }

    private static SqliteConnection Open(string path)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        c.Open();
        return c;
    }

    private static Table Read(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var columns = Enumerable.Range(0, r.FieldCount).Select(r.GetName).ToList();
        var rows = new List<object?[]>();
        while (r.Read())
        {
            var row = new object?[r.FieldCount];
            for (var i = 0; i < r.FieldCount; i++)
            {
                row[i] = r.IsDBNull(i) ? null : r.GetValue(i);
            }
            rows.Add(row);
        }
        return new Table(columns, rows);
    }
}
