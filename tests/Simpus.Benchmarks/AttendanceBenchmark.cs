using System.Diagnostics;
using System.Globalization;
using System.Text;
using Simpus.Core.Attendance;
using Simpus.Core.Data;
using Simpus.Core.Settings;

namespace Simpus.Benchmarks;

/// <summary>
/// Fingerprint-log import and monthly recap at scale: N staff (a fifth on the 24-hour rotation), M months of punches
/// written as one CSV, imported, imported again (must add nothing), then the recap of every month built.
/// </summary>
public sealed class AttendanceBenchmark : IBenchmark
{
    public string Name => "attendance";

    public string Description => "fingerprint CSV import and monthly recap (--staff 100 --months 12)";

    public void Run(string[] args)
    {
        var staffCount = Option(args, "--staff", 100);
        var months = Option(args, "--months", 12);
        var folder = Measure.Folder(Name);
        var db = new Database(Path.Combine(folder, "simpus.db"));
        Migrator.ForClinic(db).MigrateUp();
        var settings = new SettingsStore(db);
        var setup = new WorkSetupService(db, settings);
        var clock = TimeProvider.System;
        var staff = new StaffService(db, clock);
        var punches = new PunchService(db, settings, setup, staff, clock);
        var recap = new AttendanceRecapService(db, settings, setup, clock);

        var units = new[] { "Umum", "Gigi", "KIA", "Farmasi", "UGD" };
        for (var i = 0; i < staffCount; i++)
        {
            staff.Create(new StaffInput
            {
                Name = $"Pegawai {i}", Position = "Perawat", Unit = units[i % units.Length], MachineId = (1000 + i).ToString(CultureInfo.InvariantCulture),
                RotationOffset = i % 5, ActiveFrom = new DateOnly(2020, 1, 1),
            });
        }

        var random = new Random(42);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-months);
        var last = new DateOnly(today.Year, today.Month, 1).AddDays(-1);
        var calendar = setup.Calendar(first, last);
        var schedules = setup.Schedules().ToDictionary(s => s.Id, s => s.ToRule());
        var unitSchedule = setup.Units().ToDictionary(u => u.Name, u => u.ScheduleId);
        var csv = new StringBuilder("No,Waktu\n");
        var lines = 0;
        for (var i = 0; i < staffCount; i++)
        {
            foreach (var duty in calendar.Duties(schedules[unitSchedule[units[i % units.Length]]], i % 5, first, last))
            {
                foreach (var at in new[] { duty.Start.AddMinutes(random.Next(-30, 20)), duty.End.AddMinutes(random.Next(-20, 40)) })
                {
                    csv.Append(CultureInfo.InvariantCulture, $"{1000 + i},{at:yyyy-MM-dd HH:mm:ss}\n");
                    lines++;
                }
            }
        }
        var bytes = Encoding.UTF8.GetBytes(csv.ToString());

        var sw = Stopwatch.StartNew();
        var imported = punches.Import(bytes, "bench.csv", null, "bench");
        var importMs = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        var again = punches.Import(bytes, "bench.csv", null, "bench");
        var againMs = sw.Elapsed.TotalMilliseconds;

        var recapMs = new List<double>();
        for (var m = first; m <= last; m = m.AddMonths(1))
        {
            sw.Restart();
            var r = recap.Build(m.Year, m.Month);
            recapMs.Add(sw.Elapsed.TotalMilliseconds);
            if (r.Employees.Count != staffCount)
            {
                throw new InvalidOperationException("recap lost employees");
            }
        }
        Console.WriteLine($"attendance: {staffCount} staff, {months} months, {lines} log lines ({bytes.Length / 1024} KiB)");
        Console.WriteLine($"  import           {Measure.F(importMs)} ms ({lines * 1000.0 / importMs:0} lines/s), added {imported.Added}");
        Console.WriteLine($"  import again     {Measure.F(againMs)} ms, added {again.Added}, duplicates {again.Duplicates}");
        Console.WriteLine($"  monthly recap    first {Measure.F(recapMs[0])} ms, p50 {Measure.F(Measure.Percentile(recapMs, 50))} ms, max {Measure.F(recapMs.Max())} ms");
        Console.WriteLine($"  peak working set {Measure.PeakWorkingSetMb()} MB");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, true);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }
}
