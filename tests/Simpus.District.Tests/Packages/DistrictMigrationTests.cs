using Dapper;
using Simpus.Core.Data;
using Simpus.District.Hosting;
using Simpus.District.Tests.Infrastructure;

namespace Simpus.District.Tests.Packages;

public sealed class DistrictMigrationTests : IDisposable
{
    private readonly string _folder = TestFolders.New("district-migrations");

    [Fact]
    public void District_migrations_are_embedded_numbered_and_applied_once()
    {
        var db = new Database(Path.Combine(_folder, "d.db"));

        var available = DistrictApp.Migrations(db).Available();
        var first = DistrictApp.Migrations(db).MigrateUp();
        var second = DistrictApp.Migrations(db).MigrateUp();

        Assert.Equal("0001_initial.sql", available[0].File);
        Assert.Equal(available.Count, first);
        Assert.Equal(0, second);
        using var c = db.Open();
        Assert.Equal(0L, c.ExecuteScalar<long>("SELECT COUNT(*) FROM puskesmas"));
        Assert.Equal(0L, c.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'patients'"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TestFolders.TryDelete(_folder);
    }
}
