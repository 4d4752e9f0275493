using Dapper;
using Simpus.Core.Attendance;
using Simpus.Core.Data;
using Simpus.Core.Demo;
using Simpus.Core.Settings;

namespace Simpus.Core.Tests.Attendance;

public sealed class AttendanceDemoSeederTests : IDisposable
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "simpus-tests", "absensi-demo-" + Guid.NewGuid().ToString("N"));

    private Database Seeded(string name)
    {
        Directory.CreateDirectory(_folder);
        var db = new Database(Path.Combine(_folder, name));
        Migrator.ForClinic(db).MigrateUp();
        new AttendanceDemoSeeder().Seed(new DemoContext(db, Today, "WIB", 20261123, TextWriter.Null));
        return db;
    }

    [Fact]
    public void Demo_has_25_staff_three_months_of_punches_up_to_yesterday_and_is_deterministic()
    {
        var a = Seeded("a.db");
        var b = Seeded("b.db");
        using var ca = a.Open();
        using var cb = b.Open();
        const string fingerprint = "SELECT group_concat(staff_id || '@' || punched_at, ';') FROM (SELECT staff_id, punched_at FROM attendance_punches ORDER BY staff_id, punched_at)";

        Assert.Equal(25, ca.ExecuteScalar<long>("SELECT COUNT(*) FROM staff"));
        Assert.Equal(5, ca.ExecuteScalar<long>("SELECT COUNT(*) FROM staff WHERE unit = 'UGD'"));
        Assert.Equal(ca.ExecuteScalar<string>(fingerprint), cb.ExecuteScalar<string>(fingerprint));
        var first = DapperSetup.ParseInstant(ca.ExecuteScalar<string>("SELECT MIN(punched_at) FROM attendance_punches")!);
        var last = DapperSetup.ParseInstant(ca.ExecuteScalar<string>("SELECT MAX(punched_at) FROM attendance_punches")!);
        Assert.InRange(first, new DateTimeOffset(2026, 8, 22, 0, 0, 0, TimeSpan.FromHours(7)), new DateTimeOffset(2026, 8, 26, 0, 0, 0, TimeSpan.FromHours(7)));
        Assert.True(last < new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.FromHours(7)), $"last punch {last}");
        Assert.True(ca.ExecuteScalar<long>("SELECT COUNT(*) FROM staff_absences") >= 10);
    }

    [Fact]
    public void Demo_recap_is_realistic_mostly_on_time_with_some_late_early_and_absent_days()
    {
        var db = Seeded("r.db");
        var settings = new SettingsStore(db);
        var recap = new AttendanceRecapService(db, settings, new WorkSetupService(db, settings), new FixedClock(new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero)))
            .Build(2026, 10);
        var all = recap.Employees.SelectMany(e => e.Days).ToList();

        Assert.Equal(24, recap.Employees.Count); // the cleaner's contract ended in September
        Assert.InRange(recap.Employees.Average(e => e.PunctualityRate), 60, 95);
        Assert.InRange(recap.Employees.Sum(e => e.Terlambat), 10, 200);
        Assert.InRange(recap.Employees.Sum(e => e.PulangCepat), 5, 200);
        Assert.Contains(all, c => c == "TK");
        Assert.Contains(all, c => c is "S" or "I" or "C" or "DL");
        var ugd = recap.Employees.Where(e => e.Unit == "UGD").ToList();
        Assert.All(ugd, e => Assert.InRange(e.WorkingDays, 17, 20)); // 3 of every 5 days
        Assert.Equal(7, recap.Units.Count);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
