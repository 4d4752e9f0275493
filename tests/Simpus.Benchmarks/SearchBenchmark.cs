using System.Diagnostics;
using System.Globalization;
using Simpus.Core.Data;
using Simpus.Core.Demo;
using Simpus.Core.Patients;
using Simpus.Core.Settings;
using Simpus.Core.Visits;

namespace Simpus.Benchmarks;

/// <summary>
/// Patient search over a generated population (default 200,000, seeded): p50/p95/p99 server time per query kind
/// (full name, partial name, name with a typo, name + birth year, NIK, No. RM), then registrations and visits per second.
/// </summary>
public sealed class SearchBenchmark : IBenchmark
{
    public string Name => "search";

    public string Description => "patient search p50/p95/p99 over 200,000 patients, registrations per second  [--patients N] [--queries N] [--db EXISTING.db --no-writes]";

    public void Run(string[] args)
    {
        var patients = Option(args, "--patients", 200_000);
        var queriesPerKind = Option(args, "--queries", 2_000);
        var folder = Measure.Folder("search");
        var existing = BenchOptions.Text(args, "--db");
        var db = new Database(existing ?? Path.Combine(folder, "simpus.db"));
        Migrator.ForClinic(db).MigrateUp();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var sw = Stopwatch.StartNew();
        List<GeneratedPatient> people;
        if (existing is null)
        {
            people = new PopulationGenerator(20261123, today).Generate(patients).ToList();
            BulkLoader.InsertPatients(db, people);
            Console.WriteLine($"Generated and stored {people.Count:N0} patients in {sw.Elapsed.TotalSeconds:0.0} s");
        }
        else
        {
            // An existing large database (e.g. the one `service --keep DIR` made): query its own patients.
            using var c = db.Open();
            people = Dapper.SqlMapper.Query<(string Name, string Sex, string BirthDate, string? Nik)>(c,
                    "SELECT name, sex, birth_date, nik FROM patients WHERE voided_at IS NULL ORDER BY id")
                .Select(p => new GeneratedPatient(0, 1, "kepala", p.Name, p.Sex, DateOnly.ParseExact(p.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    p.Nik, null, "", "", "", "", null, "umum"))
                .ToList();
            Console.WriteLine($"Using {existing}: {people.Count:N0} patients");
        }

        var settings = new SettingsStore(db);
        var service = new PatientService(db, settings, TimeProvider.System);
        sw.Restart();
        var indexed = service.Index.Count;
        Console.WriteLine($"Search index loaded: {indexed:N0} patients in {sw.Elapsed.TotalMilliseconds:0} ms, managed heap {GC.GetTotalMemory(true) / (1024 * 1024)} MB");

        var random = new Random(42);
        var rms = LoadRms(db);
        var kinds = new (string Kind, Func<string> Query)[]
        {
            ("name", () => Pick(people, random).Name),
            ("partial name", () => Partial(Pick(people, random).Name, random)),
            ("name with typo", () => Typo(Pick(people, random).Name, random)),
            ("name + birth year", () => { var p = Pick(people, random); return $"{p.Name} {p.BirthDate.Year}"; }),
            ("NIK", () => people.Where(p => p.Nik is not null).ElementAt(random.Next(1000)).Nik!),
            ("No. RM", () => rms[random.Next(rms.Count)]),
        };
        // Warm up the JIT and caches.
        foreach (var (_, query) in kinds)
        {
            for (var i = 0; i < 200; i++)
            {
                service.Search(query());
            }
        }

        Console.WriteLine();
        Console.WriteLine($"| query ({queriesPerKind:N0} each) | p50 ms | p95 ms | p99 ms | p95 CPU ms | found |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        var allCpu = new List<double>();
        var all = new List<double>();
        foreach (var (kind, query) in kinds)
        {
            var samples = new List<double>(queriesPerKind);
            var cpu = new List<double>(queriesPerKind);
            var found = 0;
            for (var i = 0; i < queriesPerKind; i++)
            {
                var q = query();
                var cpuStart = ThreadCpu.Ms();
                var start = Stopwatch.GetTimestamp();
                var hits = service.Search(q);
                samples.Add(Measure.Ms(Stopwatch.GetTimestamp() - start));
                cpu.Add(ThreadCpu.Ms() - cpuStart);
                found += hits.Count > 0 ? 1 : 0;
            }
            all.AddRange(samples);
            allCpu.AddRange(cpu);
            Console.WriteLine($"| {kind} | {Measure.F(Measure.Percentile(samples, 50))} | {Measure.F(Measure.Percentile(samples, 95))} | {Measure.F(Measure.Percentile(samples, 99))} | {Measure.F(Measure.Percentile(cpu, 95))} | {100.0 * found / queriesPerKind:0}% |");
        }
        Console.WriteLine($"| **mix** | {Measure.F(Measure.Percentile(all, 50))} | {Measure.F(Measure.Percentile(all, 95))} | {Measure.F(Measure.Percentile(all, 99))} | {Measure.F(Measure.Percentile(allCpu, 95))} | |");
        if (args.Contains("--no-writes"))
        {
            Console.WriteLine($"Peak working set: {Measure.PeakWorkingSetMb()} MB");
            return;
        }

        // Registrations through the full service path: validation, NIK/BPJS uniqueness, No. RM, one fsync'd transaction each.
        var visits = new VisitService(db, service, settings, TimeProvider.System);
        var newcomers = new PopulationGenerator(777, today).Generate(patients + 1000).Skip(patients).ToList();
        var registered = new List<string>();
        sw.Restart();
        foreach (var p in newcomers)
        {
            try
            {
                registered.Add(service.Register(new PatientInput
                {
                    Name = p.Name, Sex = p.Sex, BirthDate = p.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Address = p.Address,
                    RegionCode = p.RegionCode, Rt = p.Rt, Rw = p.Rw, Phone = p.Phone, DefaultPayer = p.DefaultPayer,
                }, "bench").Rm);
            }
            catch (Simpus.Core.Common.ConflictException)
            {
            }
        }
        var registrationSeconds = sw.Elapsed.TotalSeconds;
        sw.Restart();
        foreach (var rm in registered)
        {
            visits.Register(new VisitInput { Rm = rm, Poli = "umum" }, "bench");
        }
        var visitSeconds = sw.Elapsed.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine($"Registrations: {registered.Count:N0} in {registrationSeconds:0.00} s = {registered.Count / registrationSeconds:0} per second ({1000 * registrationSeconds / registered.Count:0.00} ms each)");
        Console.WriteLine($"Visits:        {registered.Count:N0} in {visitSeconds:0.00} s = {registered.Count / visitSeconds:0} per second ({1000 * visitSeconds / registered.Count:0.00} ms each)");
        Console.WriteLine($"Peak working set: {Measure.PeakWorkingSetMb()} MB");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, true);
    }

    /// <summary>
    /// CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>): the work a query costs, without the time the
    /// thread waited for a core on a shared machine. 0 elsewhere.
    /// </summary>
    private static class ThreadCpu
    {
        [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
        private struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
        private static extern int ClockGetTime(int clock, out TimeSpec time);

        public static double Ms()
        {
            if (!OperatingSystem.IsLinux())
            {
                return 0;
            }
            ClockGetTime(3, out var t);
            return t.Seconds * 1000.0 + t.Nanoseconds / 1_000_000.0;
        }
    }

    private static List<string> LoadRms(Database db)
    {
        using var c = db.Open();
        return Dapper.SqlMapper.Query<string>(c, "SELECT rm FROM patients ORDER BY id").ToList();
    }

    private static GeneratedPatient Pick(List<GeneratedPatient> people, Random random) => people[random.Next(people.Count)];

    private static string Partial(string name, Random random) =>
        string.Join(' ', name.Split(' ').Take(2).Select(w => w[..Math.Min(w.Length, 3 + random.Next(2))]));

    private static string Typo(string name, Random random)
    {
        var chars = name.ToCharArray();
        var candidates = Enumerable.Range(1, chars.Length - 2).Where(i => char.IsLetter(chars[i]) && char.IsLetter(chars[i + 1])).ToList();
        var i = candidates[random.Next(candidates.Count)];
        if (random.NextDouble() < 0.5)
        {
            (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
        }
        else
        {
            chars[i] = "aiueokrnst"[random.Next(10)];
        }
        return new string(chars);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
