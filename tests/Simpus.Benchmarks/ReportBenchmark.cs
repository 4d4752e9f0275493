using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Simpus.Core.Attendance;
using Simpus.Core.Data;
using Simpus.Core.Demo;
using Simpus.Core.Settings;
using Simpus.Reports;
using Simpus.Reports.Settings;

namespace Simpus.Benchmarks;

/// <summary>
/// The monthly report pack, whole path (queries → model → .xlsx file) for a generated month of 10,000 and of 100,000 visits
/// (~1.5 diagnoses each). Options: <c>--sizes 10000,100000</c>, <c>--runs 3</c>,
/// <c>--stages</c> (time per part), <c>--keep</c> (keep the generated database).
/// </summary>
public sealed class ReportBenchmark : IBenchmark
{
    private const int Seed = 20261123;
    internal static readonly DateOnly Today = new(2026, 11, 23);

    public string Name => "report";

    public string Description => "Laporan bulanan: a generated month of 10,000 and 100,000 visits to the saved .xlsx (targets <1 s, <10 s)";

    public void Run(string[] args)
    {
        var sizes = Option(args, "--sizes", "10000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var runs = int.Parse(Option(args, "--runs", "3"), CultureInfo.InvariantCulture);
        Console.WriteLine("visits | diagnoses | generate s | first run s | best run s | workbook KB | allocated MB (best run) | peak working set MB");
        foreach (var size in sizes)
        {
            var folder = Measure.Folder($"report-{size}");
            var db = new Database(Path.Combine(folder, "simpus.db"));
            var generate = Stopwatch.StartNew();
            var diagnoses = Generate(db, size);
            generate.Stop();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var times = new List<double>();
            long allocated = 0;
            var output = Path.Combine(folder, "laporan.xlsx");
            for (var run = 0; run < runs; run++)
            {
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var watch = Stopwatch.StartNew();
                var settings = new SettingsStore(db);
                var clock = new FixedClock(new DateTimeOffset(Today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(7)));
                var builder = new MonthlyReportBuilder(db, settings, new ReportSettingsStore(settings), new AttendanceRecapService(db, settings, clock), clock);
                var stages = new List<string>();
                var last = TimeSpan.Zero;
                string? current = null;
                void Stage(string next)
                {
                    if (current is not null)
                    {
                        stages.Add(string.Create(CultureInfo.InvariantCulture, $"{current} {(watch.Elapsed - last).TotalMilliseconds:0}ms"));
                    }
                    (current, last) = (next, watch.Elapsed);
                }
                var report = builder.Build(2026, 10, Stage);
                Stage("workbook");
                MonthlyWorkbookWriter.Save(report, output, progress: Stage);
                Stage("");
                watch.Stop();
                if (args.Contains("--stages"))
                {
                    Console.WriteLine("  " + string.Join(", ", stages));
                }
                var bytes = GC.GetTotalAllocatedBytes(precise: true) - before;
                times.Add(watch.Elapsed.TotalSeconds);
                if (watch.Elapsed.TotalSeconds <= times.Min())
                {
                    allocated = bytes;
                }
                if (report.Visits.Total == 0)
                {
                    throw new InvalidOperationException("The generated month has no visits");
                }
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{size} | {diagnoses} | {generate.Elapsed.TotalSeconds:0.0} | {times[0]:0.000} | {times.Min():0.000} | {new FileInfo(output).Length / 1024} | {allocated / (1024 * 1024)} | {Measure.PeakWorkingSetMb()}"));
            SqliteConnection.ClearAllPools();
            if (args.Contains("--keep"))
            {
                Console.WriteLine($"  kept {db.FilePath}");
            }
            else
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    /// <summary>Seeded data: patients from the population generator, <paramref name="visits"/> visits Monday–Saturday in each of the
    /// <paramref name="months"/> months up to October 2026, 1–2 diagnoses per visit from 400 codes with a skewed frequency,
    /// referrals, a few cancellations; returns the number of diagnoses.</summary>
    internal static int Generate(Database db, int visits, int months = 1)
    {
        Migrator.ForClinic(db).MigrateUp();
        new SettingsStore(db).Save(new PuskesmasSettings { Code = "P3373040101", Name = "Puskesmas Benchmark", RegionCode = "33.73", TimeZone = "WIB" });
        var patients = Math.Max(2000, visits * 2 / 5);
        BulkLoader.InsertPatients(db, new PopulationGenerator(Seed, Today).Generate(patients));
        var random = new Random(Seed);
        var codes = Enumerable.Range(0, 400).Select(i => $"{(char)('A' + i % 26)}{i / 26 % 100:00}.{i % 10}").Distinct().ToArray();
        using var c = db.Open();
        var people = c.Query<(long Id, string BirthDate)>("SELECT id, birth_date FROM patients").ToArray();
        string[] poli = ["umum", "umum", "umum", "gigi", "kia", "anak", "lansia", "ugd", "lab"];
        string[] payers = ["bpjs-pbi", "bpjs-pbi", "bpjs-non-pbi", "umum", "jamkesda", "gratis"];
        string[] caseTypes = ["baru", "baru", "baru", "baru", "baru", "baru", "lama", "lama", "lama", "kkl"];
        var diagnoses = 0;
        using var t = c.BeginTransaction();
        foreach (var code in codes)
        {
            c.Execute("INSERT INTO icd10 (code, name_id, category) VALUES (@code, @name, @category)",
                new { code, name = "Penyakit " + code, category = code[..3] }, t);
        }
        using var visit = Command(c, t, """
            INSERT INTO visits (patient_id, poli, payer, visit_date, queue_number, status, arrived_at, started_at, finished_at, cancelled_at,
                                cancel_reason, created_at, created_by)
            VALUES ($p, $poli, $payer, $date, $queue, $status, $arrived, $started, $finished, $cancelled, $reason, $arrived, 'bench')
            RETURNING id
            """, "$p", "$poli", "$payer", "$date", "$queue", "$status", "$arrived", "$started", "$finished", "$cancelled", "$reason");
        using var diagnosis = Command(c, t, """
            INSERT INTO diagnoses (visit_id, code, is_primary, case_type, created_at, created_by) VALUES ($v, $code, $primary, $type, $at, 'bench')
            """, "$v", "$code", "$primary", "$type", "$at");
        using var referral = Command(c, t, """
            INSERT INTO referrals (visit_id, destination, reason, created_at, created_by) VALUES ($v, 'RSUD', 'rujukan', $at, 'bench')
            """, "$v", "$at");
        var queues = new Dictionary<(DateOnly, string), int>();
        var used = new HashSet<(long, string, DateOnly)>();
        for (var i = 0; i < visits * months; i++)
        {
            var month = new DateOnly(2026, 10, 1).AddMonths(i / visits - months + 1);
            var days = Enumerable.Range(0, DateTime.DaysInMonth(month.Year, month.Month)).Select(month.AddDays).Where(d => d.DayOfWeek != DayOfWeek.Sunday).ToArray();
            var day = days[i % visits * days.Length / visits];
            var person = people[(int)(Math.Pow(random.NextDouble(), 1.6) * people.Length)];
            var birth = DateOnly.ParseExact(person.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (birth > day)
            {
                person = people[0];
            }
            var unit = poli[random.Next(poli.Length)];
            if (!used.Add((person.Id, unit, day)))
            {
                unit = "lab";
                used.Add((person.Id, unit, day));
            }
            var queue = queues[(day, unit)] = queues.GetValueOrDefault((day, unit)) + 1;
            var arrived = new DateTimeOffset(day.ToDateTime(new TimeOnly(7, 15)), TimeSpan.FromHours(7)).AddSeconds(random.Next(0, 5 * 3600));
            var roll = random.NextDouble();
            var status = roll < 0.02 ? "cancelled" : "finished";
            var started = arrived.AddMinutes(2 + random.Next(0, 60));
            var finished = started.AddMinutes(3 + random.Next(0, 20));
            var id = (long)Exec(visit, true, person.Id, unit, payers[random.Next(payers.Length)], day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), queue, status,
                Instant(arrived), status == "finished" ? Instant(started) : null, status == "finished" ? Instant(finished) : null,
                status == "cancelled" ? Instant(started) : null, status == "cancelled" ? "batal" : null)!;
            var count = random.NextDouble() < 0.5 ? 1 : 2;
            var chosen = new HashSet<string>();
            for (var d = 0; d < count; d++)
            {
                var code = codes[(int)(Math.Pow(random.NextDouble(), 2.2) * codes.Length)];
                if (!chosen.Add(code))
                {
                    continue;
                }
                Exec(diagnosis, false, id, code, d == 0 ? 1 : 0, caseTypes[random.Next(caseTypes.Length)], Instant(finished));
                diagnoses++;
            }
            if (random.NextDouble() < 0.03)
            {
                Exec(referral, false, id, Instant(finished));
            }
        }
        t.Commit();
        return diagnoses;
    }

    private static string Instant(DateTimeOffset value) => DapperSetup.FormatInstant(value);

    private static SqliteCommand Command(SqliteConnection c, SqliteTransaction t, string sql, params string[] names)
    {
        var command = c.CreateCommand();
        command.Transaction = t;
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        command.Prepare();
        return command;
    }

    private static object? Exec(SqliteCommand command, bool scalar, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
        return scalar ? command.ExecuteScalar() : command.ExecuteNonQuery();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
