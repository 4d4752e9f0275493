using System.Text.RegularExpressions;
using Dapper;
using Simpus.Core.Data;

namespace Simpus.Core.Tests.Data;

public sealed class MigrationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "simpus-tests", "migrations-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Migration_files_are_numbered_uniquely_and_named_NNNN_name()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "../../../../../db/clinic");
        var files = Directory.GetFiles(dir, "*.sql").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.Matches(new Regex(@"^\d{4}_[a-z0-9_]+\.sql$"), f));
        Assert.Equal(files.Count, files.Select(f => f![..4]).Distinct().Count());
        Assert.Equal(files.Count, Migrator.ForClinic(new Database(Path.Combine(_folder, "x.db"))).Available().Count);
    }

    [Fact]
    public void Migrating_creates_the_schema_once_in_WAL_mode_with_foreign_keys()
    {
        Directory.CreateDirectory(_folder);
        var db = new Database(Path.Combine(_folder, "clinic.db"));

        var first = Migrator.ForClinic(db).MigrateUp();
        var second = Migrator.ForClinic(db).MigrateUp();

        Assert.True(first >= 3);
        Assert.Equal(0, second);
        using var c = db.Open();
        Assert.Equal("wal", c.ExecuteScalar<string>("PRAGMA journal_mode"));
        Assert.Equal(1L, c.ExecuteScalar<long>("PRAGMA foreign_keys"));
        Assert.Equal(first, c.ExecuteScalar<long>("SELECT COUNT(*) FROM schema_migrations"));
        Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() =>
            c.Execute("INSERT INTO visits (patient_id, poli, payer, visit_date, queue_number, status, arrived_at, created_at, created_by) VALUES (999, 'umum', 'umum', '2026-01-01', 1, 'arrived', 'x', 'x', 'x')"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, true);
        }
    }
}
