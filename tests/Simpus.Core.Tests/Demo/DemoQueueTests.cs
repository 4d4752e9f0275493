using System.Globalization;
using Dapper;
using Simpus.Core.Data;
using Simpus.Core.Demo;

namespace Simpus.Core.Tests.Demo;

public sealed class DemoQueueTests : IDisposable
{
    private static readonly DateOnly Today = new(2026, 11, 23);   // a Monday
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "simpus-tests", "demo-queue-" + Guid.NewGuid().ToString("N"));

    private Database Seeded(int hour, int minute)
    {
        Directory.CreateDirectory(_folder);
        var db = new Database(Path.Combine(_folder, $"{hour}{minute}.db"));
        Migrator.ForClinic(db).MigrateUp();
        var now = new DateTimeOffset(Today.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.FromHours(7));
        new RegistrationDemoSeeder().Seed(new DemoContext(db, Today, "WIB", 20261123, TextWriter.Null) { Now = now });
        return db;
    }

    [Theory]
    [InlineData(19, 0)]
    [InlineData(6, 30)]
    public void Todays_queue_is_still_open_at_any_hour_with_numbers_in_order_of_arrival(int hour, int minute)
    {
        var db = Seeded(hour, minute);
        using var c = db.Open();
        var now = new DateTimeOffset(Today.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.FromHours(7));
        var today = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var waiting = c.ExecuteScalar<long>("SELECT COUNT(*) FROM visits WHERE visit_date = @today AND status = 'arrived'", new { today });
        var arrivals = c.Query<(string Poli, long Number, string ArrivedAt)>(
            "SELECT poli, queue_number, arrived_at FROM visits WHERE visit_date = @today ORDER BY poli, queue_number", new { today }).ToList();

        Assert.True(waiting >= 3, $"{waiting} waiting at {hour:00}:{minute:00}");
        Assert.All(arrivals, a => Assert.True(DapperSetup.ParseInstant(a.ArrivedAt) <= now));
        foreach (var poli in arrivals.GroupBy(a => a.Poli))
        {
            var times = poli.Select(a => a.ArrivedAt).ToList();
            Assert.Equal(times.Order(StringComparer.Ordinal), times);
        }
    }

    [Fact]
    public void Complaints_fit_the_poli_and_the_patient()
    {
        var db = Seeded(10, 0);
        using var c = db.Open();

        var dentalElsewhere = c.ExecuteScalar<long>("SELECT COUNT(*) FROM visits WHERE complaint = 'Sakit gigi' AND poli <> 'gigi'");
        var pregnancyOutOfAge = c.ExecuteScalar<long>("""
            SELECT COUNT(*) FROM visits v JOIN patients p ON p.id = v.patient_id
            WHERE v.complaint LIKE 'Periksa kehamilan%'
              AND (p.sex = 'L' OR CAST(strftime('%Y', v.visit_date) AS INTEGER) - CAST(strftime('%Y', p.birth_date) AS INTEGER) NOT BETWEEN 15 AND 50)
            """);
        var kiaComplaints = c.Query<string>("SELECT DISTINCT complaint FROM visits WHERE poli = 'kia'").ToList();
        var dental = c.Query<string>("SELECT DISTINCT complaint FROM visits WHERE poli = 'gigi'").ToList();

        Assert.Equal(0, dentalElsewhere);
        Assert.Equal(0, pregnancyOutOfAge);
        Assert.DoesNotContain("Sakit gigi", kiaComplaints);
        Assert.Contains("Sakit gigi", dental);
        Assert.DoesNotContain("Batuk pilek 3 hari", dental);
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
