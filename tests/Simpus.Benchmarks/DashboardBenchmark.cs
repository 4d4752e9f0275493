using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Simpus.Clinic.Dashboard;
using Simpus.Core.Attendance;
using Simpus.Core.Data;
using Simpus.Core.Settings;
using Simpus.Reports;
using Simpus.Reports.Settings;

namespace Simpus.Benchmarks;

/// <summary>
/// The head's dashboard (what <c>GET /api/dashboard?month=2026-10</c> answers, server time): months of generated visits (the
/// report benchmark's data), then the dashboard of October 2026 cold (12 monthly reports and the PWS KIA per desa) and answered
/// from memory. Options: <c>--visits 100000</c> per month, <c>--months 1</c> (how many of the 12 trend months have visits), <c>--runs 5</c>.
/// </summary>
public sealed class DashboardBenchmark : IBenchmark
{
    public string Name => "dashboard";

    public string Description => "Dasbor kepala: bulan 100.000 kunjungan, dingin lalu dari memori";

    public void Run(string[] args)
    {
        var visits = int.Parse(Option(args, "--visits", "100000"), CultureInfo.InvariantCulture);
        var months = int.Parse(Option(args, "--months", "1"), CultureInfo.InvariantCulture);
        var runs = int.Parse(Option(args, "--runs", "5"), CultureInfo.InvariantCulture);
        var folder = Measure.Folder("dashboard");
        var db = new Database(Path.Combine(folder, "simpus.db"));
        var generate = Stopwatch.StartNew();
        ReportBenchmark.Generate(db, visits, months);
        Console.WriteLine($"Generated {visits:N0} visits in each of {months} month(s) up to 2026-10 in {generate.Elapsed.TotalSeconds:0.0} s");

        var clock = new FixedClock(new DateTimeOffset(ReportBenchmark.Today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(7)));
        var settings = new SettingsStore(db);
        var reportSettings = new ReportSettingsStore(settings);
        var builder = new MonthlyReportBuilder(db, settings, reportSettings, new AttendanceRecapService(db, settings, clock), clock);

        var report = Stopwatch.StartNew();
        builder.Build(2026, 10);
        Console.WriteLine($"One monthly report (the model, no workbook): {report.Elapsed.TotalSeconds:0.000} s");

        var dashboard = new DashboardService(builder, db, reportSettings, settings, new Simpus.Core.Regions.RegionDirectory(db), clock,
            NullLogger<DashboardService>.Instance);
        var cold = Stopwatch.StartNew();
        var answer = dashboard.Get(2026, 10);
        cold.Stop();
        var warm = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var start = Stopwatch.GetTimestamp();
            answer = dashboard.Get(2026, 10);
            warm.Add(Measure.Ms(Stopwatch.GetTimestamp() - start));
        }
        var json = JsonSerializer.SerializeToUtf8Bytes(answer, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        Console.WriteLine($"Dashboard 2026-10 ({answer.Current.Visits:N0} visits, {answer.Trend.Count} months of trend): cold {cold.Elapsed.TotalSeconds:0.000} s, " +
            $"from memory {Measure.F(warm.Min())}–{Measure.F(warm.Max())} ms, JSON {json.Length / 1024} KB; peak working set {Measure.PeakWorkingSetMb()} MB");
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
