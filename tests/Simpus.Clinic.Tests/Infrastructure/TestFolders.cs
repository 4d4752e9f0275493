using Simpus.Core.Data;
using Simpus.Tests.Shared;

namespace Simpus.Clinic.Tests.Infrastructure;

/// <summary>A clinic database migrated once per test run; each test gets its own copy.</summary>
public static class TemplateDatabase
{
    private static readonly Lazy<string> Template = new(() =>
    {
        var folder = TestFolders.New("template");
        var db = new Database(Path.Combine(folder, "template.db"));
        Migrator.ForClinic(db).MigrateUp();
        // The official region list once per run, so that no test pays for loading its 91,599 rows.
        new Simpus.Core.Regions.RegionDirectory(db).EnsureLoaded();
        using (var c = db.Open())
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            cmd.ExecuteNonQuery();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return db.FilePath;
    });

    public static void CopyTo(string destination) => File.Copy(Template.Value, destination, overwrite: true);
}
