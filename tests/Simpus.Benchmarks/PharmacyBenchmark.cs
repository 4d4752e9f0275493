using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Simpus.Core.Catalogue;
using Simpus.Core.Data;
using Simpus.Core.Demo;
using Simpus.Core.Pharmacy;
using Simpus.Core.Settings;

namespace Simpus.Benchmarks;

/// <summary>
/// The pharmacy at 300 drugs with a year of ledger: a generated year of visits and prescriptions (skewed drug popularity), the
/// demo's pharmacy simulation over them (monthly receipts, FEFO dispensing, write-offs, quarterly opname), then timed:
/// dispensing prescription lines through <see cref="DispensingService"/> (each its own fsync'd write transaction, p50/p95/p99),
/// the month's LPLPO, POR, alerts, stock list and worklist. Options: <c>--drugs 300</c>, <c>--visits-per-day 150</c>,
/// <c>--dispense 600</c> (lines timed), <c>--runs 5</c>.
/// </summary>
public sealed class PharmacyBenchmark : IBenchmark
{
    private const int Seed = 20261123;
    private static readonly DateOnly Today = new(2026, 11, 23);

    public string Name => "pharmacy";

    public string Description => "Farmasi: dispensing p95 (target <20 ms) and the month's LPLPO (target <1 s) at 300 drugs and a year of ledger";

    public void Run(string[] args)
    {
        var drugCount = Option(args, "--drugs", 300);
        var perDay = Option(args, "--visits-per-day", 150);
        var toDispense = Option(args, "--dispense", 600);
        var runs = Option(args, "--runs", 5);
        var folder = Measure.Folder("pharmacy");
        var db = new Database(Path.Combine(folder, "simpus.db"));
        var clock = new FixedClock(new DateTimeOffset(Today.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(7)));

        var watch = Stopwatch.StartNew();
        var (visits, lines) = Generate(db, clock, drugCount, perDay);
        var generated = watch.Elapsed;
        watch.Restart();
        new PharmacyDemoSeeder().Seed(new DemoContext(db, Today, "WIB", Seed, Console.Out) { Now = clock.GetUtcNow() });
        var simulated = watch.Elapsed;
        using (var c = db.Open())
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Data: {drugCount} drugs, {visits:N0} visits, {lines:N0} prescription lines over a year; generated in {generated.TotalSeconds:0.0} s, " +
                $"pharmacy year simulated in {simulated.TotalSeconds:0.0} s: {c.ExecuteScalar<long>("SELECT COUNT(*) FROM stock_ledger"):N0} ledger rows, " +
                $"{c.ExecuteScalar<long>("SELECT COUNT(*) FROM stock_batches"):N0} batches, file {new FileInfo(db.FilePath).Length / 1048576.0:0} MB"));
        }

        var settings = new SettingsStore(db);
        var drugs = new DrugCatalogue(db, clock);
        var pharmacySettings = new PharmacySettingsStore(settings);
        var pharmacyClock = new PharmacyClock(settings, clock);
        var stock = new StockService(db, drugs, pharmacySettings, pharmacyClock);
        var dispensing = new DispensingService(db, drugs, pharmacyClock);
        var alerts = new AlertService(db, stock, pharmacySettings, pharmacyClock);

        // The floor: an empty write transaction of one row, fsync'd the same way (synchronous = FULL), on the same disk now.
        var floor = new List<double>();
        using (var c = db.Open())
        {
            c.Execute("CREATE TABLE IF NOT EXISTS bench_commit (x INTEGER)");
            for (var i = 0; i < 200; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                using var t = c.BeginTransaction(deferred: false);
                c.Execute("INSERT INTO bench_commit VALUES (@i)", new { i }, t);
                t.Commit();
                floor.Add(Measure.Ms(Stopwatch.GetTimestamp() - t0));
            }
        }
        Console.WriteLine($"Floor: one-row write transaction with fsync, 200 times: p50 {Measure.F(Measure.Percentile(floor, 50))} ms, " +
            $"p95 {Measure.F(Measure.Percentile(floor, 95))} ms");

        // Dispensing: fresh prescriptions today for the most used drugs, then one Dispense call per line.
        var work = Prescribe(db, clock, toDispense);
        var samples = new List<double>(work.Count);
        var refused = 0;
        foreach (var (visit, line) in work)
        {
            var t0 = Stopwatch.GetTimestamp();
            try
            {
                dispensing.Dispense(visit, line, new DispenseInput(), "apoteker");
            }
            catch (Simpus.Core.Common.ConflictException)
            {
                refused++;
            }
            samples.Add(Measure.Ms(Stopwatch.GetTimestamp() - t0));
        }
        Console.WriteLine($"Dispense one line (FEFO, ledger, fsync'd transaction, answer with the prescription view), {samples.Count} lines " +
            $"({refused} refused for stock): p50 {Measure.F(Measure.Percentile(samples, 50))} ms, p95 {Measure.F(Measure.Percentile(samples, 95))} ms, " +
            $"p99 {Measure.F(Measure.Percentile(samples, 99))} ms (target p95 < 20 ms)");

        var month = Today.AddMonths(-1);
        var s = pharmacySettings.Get();
        Time("LPLPO of the last month (all drugs, 3-month average, stock-out days, expiring)", runs, () => Lplpo.Build(db, s, month.Year, month.Month, Today).Rows.Count);
        Time("POR of the last month", runs, () => Por.Build(db, s, month.Year, month.Month).Ispa.Cases);
        Time("Alerts (expiry window, minimum, out of stock prescribed today)", runs, () => alerts.Build().Count);
        Time("Stock list (all drugs)", runs, () => stock.Stock().Count);
        Time("Worklist of today", runs, () => dispensing.Worklist(null, null).Count);
        Console.WriteLine($"Peak working set {Measure.PeakWorkingSetMb()} MB; data in {folder}");
    }

    private static void Time(string what, int runs, Func<int> action)
    {
        var times = new List<double>();
        var result = 0;
        for (var i = 0; i < runs; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            result = action();
            times.Add(Measure.Ms(Stopwatch.GetTimestamp() - t0));
        }
        Console.WriteLine($"{what}: first {Measure.F(times[0])} ms, best {Measure.F(times.Min())} ms, median {Measure.F(Measure.Percentile(times, 50))} ms ({result})");
    }

    /// <summary>Patients, the catalogue grown to <paramref name="drugCount"/> drugs, a year of visits Monday–Saturday with 1–4 prescription lines each.</summary>
    private static (int Visits, int Lines) Generate(Database db, TimeProvider clock, int drugCount, int perDay)
    {
        Migrator.ForClinic(db).MigrateUp();
        new SettingsStore(db).Save(new PuskesmasSettings { Code = "P3373040101", Name = "Puskesmas Benchmark", RegionCode = "33.73", TimeZone = "WIB" });
        var catalogue = new DrugCatalogue(db, clock);
        catalogue.EnsureLoaded();
        catalogue.EnsureFornasClasses();
        BulkLoader.InsertPatients(db, new PopulationGenerator(Seed, Today).Generate(6000));
        var random = new Random(Seed);
        using var c = db.Open();
        using var t = c.BeginTransaction();
        var existing = c.Query<string>("SELECT code FROM drugs ORDER BY code", transaction: t).ToList();
        for (var i = existing.Count; i < drugCount; i++)
        {
            var code = $"BX{i:000}";
            c.Execute("INSERT INTO drugs (code, name, unit, form, fornas_class, active, updated_at) VALUES (@code, @name, 'tablet', 'tablet', 'Lain-lain', 1, '2026-01-01T00:00:00.000Z')",
                new { code, name = "Obat benchmark " + code }, t);
            existing.Add(code);
        }
        var codes = existing.Take(drugCount).ToArray();
        // Skewed popularity: a few drugs are in most prescriptions, the tail rarely.
        var order = codes.OrderBy(_ => random.Next()).ToArray();
        var people = c.Query<long>("SELECT id FROM patients", transaction: t).ToArray();
        using var visit = Command(c, t, """
            INSERT INTO visits (patient_id, poli, payer, visit_date, queue_number, status, arrived_at, started_at, finished_at, created_at, created_by)
            VALUES ($p0, 'umum', 'bpjs-pbi', $p1, $p2, 'finished', $p3, $p4, $p5, $p3, 'bench') RETURNING id
            """, 6);
        using var rx = Command(c, t, """
            INSERT INTO prescriptions (visit_id, drug_code, dose, quantity, days, created_at, created_by) VALUES ($p0, $p1, '3x1', $p2, 3, $p3, 'bench')
            """, 4);
        int visits = 0, lines = 0;
        for (var day = Today.AddDays(-365); day < Today; day = day.AddDays(1))
        {
            if (day.DayOfWeek == DayOfWeek.Sunday)
            {
                continue;
            }
            var used = new HashSet<long>();
            for (var q = 1; q <= perDay; q++)
            {
                var person = people[random.Next(people.Length)];
                if (!used.Add(person))
                {
                    continue;
                }
                var arrived = new DateTimeOffset(day.ToDateTime(new TimeOnly(7, 30)), TimeSpan.FromHours(7)).AddSeconds(random.Next(0, 4 * 3600));
                var finished = arrived.AddMinutes(20 + random.Next(40));
                var id = (long)Exec(visit, true, person, Date(day), q, Instant(arrived), Instant(arrived.AddMinutes(10)), Instant(finished))!;
                visits++;
                var count = 1 + random.Next(4);
                var chosen = new HashSet<string>();
                for (var k = 0; k < count; k++)
                {
                    var drug = order[(int)(Math.Pow(random.NextDouble(), 2.5) * order.Length)];
                    if (chosen.Add(drug))
                    {
                        Exec(rx, false, id, drug, 10.0, Instant(finished));
                        lines++;
                    }
                }
            }
        }
        t.Commit();
        return (visits, lines);
    }

    /// <summary>Today's new prescriptions, one line per visit, for the drugs with the most stock (so nearly all can be given).</summary>
    private static List<(long Visit, long Line)> Prescribe(Database db, TimeProvider clock, int count)
    {
        var today = Today;
        using var c = db.Open();
        using var t = c.BeginTransaction();
        var drugs = c.Query<string>("""
            SELECT drug_code FROM stock_batches WHERE expiry_date >= @today GROUP BY drug_code ORDER BY SUM(on_hand) DESC LIMIT 40
            """, new { today = Date(today) }, t).ToArray();
        var people = c.Query<long>("SELECT id FROM patients ORDER BY id DESC LIMIT @count", new { count }, t).ToArray();
        var queue = c.ExecuteScalar<int>("SELECT COALESCE(MAX(queue_number), 0) FROM visits WHERE visit_date = @d AND poli = 'lansia'", new { d = Date(today) }, t);
        var now = Instant(clock.GetUtcNow());
        var work = new List<(long, long)>();
        for (var i = 0; i < people.Length; i++)
        {
            var visit = c.ExecuteScalar<long>("""
                INSERT INTO visits (patient_id, poli, payer, visit_date, queue_number, status, arrived_at, started_at, finished_at, created_at, created_by)
                VALUES (@p, 'lansia', 'umum', @d, @q, 'finished', @now, @now, @now, @now, 'bench') RETURNING id
                """, new { p = people[i], d = Date(today), q = queue + i + 1, now }, t);
            var line = c.ExecuteScalar<long>("""
                INSERT INTO prescriptions (visit_id, drug_code, dose, quantity, days, created_at, created_by) VALUES (@visit, @drug, '3x1', 10, 3, @now, 'bench') RETURNING id
                """, new { visit, drug = drugs[i % drugs.Length], now }, t);
            work.Add((visit, line));
        }
        t.Commit();
        return work;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Instant(DateTimeOffset value) => DapperSetup.FormatInstant(value);

    private static SqliteCommand Command(SqliteConnection c, SqliteTransaction t, string sql, int parameters)
    {
        var command = c.CreateCommand();
        command.Transaction = t;
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = "$p" + i });
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
