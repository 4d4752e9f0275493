using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Simpus.Core.Data;
using Simpus.Core.Demo;

namespace Simpus.Benchmarks;

/// <summary>
/// The clinic service as a clinic PC runs it: a 200,000-patient database (seeded), the real service started as its own
/// process (Release build), searches over HTTP; reports the service's peak working set (what the OS counts, not only the
/// managed heap), its working set after the searches, and search latency seen by the client.
/// Build first: <c>dotnet build -c Release src/Simpus.Clinic</c>. Extra service arguments after <c>--</c>
/// (e.g. <c>-- --gc-server</c> sets DOTNET_gcServer=1).
/// </summary>
public sealed class ServiceBenchmark : IBenchmark
{
    private const string AdminPassword = "bench-admin-123";

    public string Name => "service";

    public string Description => "clinic service process at 200,000 patients: peak working set, HTTP search p50/p95  [--patients N] [--queries N] [--keep DIR] [--no-backup] [--gc-server|--gc-workstation]";

    public void Run(string[] args)
    {
        var patients = BenchOptions.Int(args, "--patients", 200_000);
        var queries = BenchOptions.Int(args, "--queries", 2_000);
        var keep = BenchOptions.Text(args, "--keep");
        var clinicDll = Path.Combine(Repository.Root(), "src/Simpus.Clinic/bin/Release/net10.0/Simpus.Clinic.dll");
        if (!File.Exists(clinicDll))
        {
            Console.WriteLine($"Missing {clinicDll}: run `dotnet build -c Release src/Simpus.Clinic` first.");
            return;
        }

        var folder = keep ?? Measure.Folder("service");
        Directory.CreateDirectory(folder);
        var dbPath = Path.Combine(folder, "simpus.db");
        var people = LargeClinic.Ensure(dbPath, patients);
        if (!args.Contains("--no-backup"))
        {
            MeasureBackups(dbPath, folder);
        }

        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { clinicDll, $"--Simpus:DataDir={folder}", $"--Simpus:AdminPassword={AdminPassword}", $"--urls=http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(a);
        }
        if (args.Contains("--gc-server"))
        {
            start.Environment["DOTNET_gcServer"] = "1";
        }
        if (args.Contains("--gc-workstation"))
        {
            start.Environment["DOTNET_gcServer"] = "0";
        }
        var sw = Stopwatch.StartNew();
        using var service = Process.Start(start)!;
        service.OutputDataReceived += (_, _) => { };
        service.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("service: " + e.Data); } };
        service.BeginOutputReadLine();
        service.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}"),
                Timeout = TimeSpan.FromMinutes(2),
            };
            WaitHealthy(http, service);
            Console.WriteLine($"Service answers /health after {sw.Elapsed.TotalSeconds:0.0} s");
            http.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = AdminPassword }).Result.EnsureSuccessStatusCode();
            sw.Restart();
            http.GetAsync("/api/patients?q=siti").Result.EnsureSuccessStatusCode();
            Console.WriteLine($"First search (index loaded) after {sw.Elapsed.TotalSeconds:0.0} s; working set {Mb(service, peak: false)} MB, peak {Mb(service, peak: true)} MB");

            var random = new Random(42);
            var names = people.Names;
            var kinds = new Func<string>[]
            {
                () => names[random.Next(names.Count)],
                () => string.Join(' ', names[random.Next(names.Count)].Split(' ').Take(2).Select(w => w[..Math.Min(w.Length, 4)])),
                () => $"{names[random.Next(names.Count)]} {1950 + random.Next(70)}",
                () => people.Niks[random.Next(people.Niks.Count)],
                () => people.Rms[random.Next(people.Rms.Count)],
            };
            var samples = new List<double>(queries);
            for (var i = 0; i < queries; i++)
            {
                var q = kinds[i % kinds.Length]();
                var t = Stopwatch.GetTimestamp();
                using var response = http.GetAsync("/api/patients?q=" + Uri.EscapeDataString(q)).Result;
                response.EnsureSuccessStatusCode();
                response.Content.ReadAsByteArrayAsync().Wait();
                samples.Add(Measure.Ms(Stopwatch.GetTimestamp() - t));
            }
            Console.WriteLine($"HTTP search ({queries:N0} mixed queries, client time incl. JSON): p50 {Measure.F(Measure.Percentile(samples, 50))} ms, p95 {Measure.F(Measure.Percentile(samples, 95))} ms, p99 {Measure.F(Measure.Percentile(samples, 99))} ms");
            Console.WriteLine($"Service working set {Mb(service, peak: false)} MB, peak working set {Mb(service, peak: true)} MB");
        }
        finally
        {
            service.Kill(entireProcessTree: true);
            service.WaitForExit();
            if (keep is null)
            {
                Directory.Delete(folder, true);
            }
        }
    }

    /// <summary>Backup time and size of the large database: plain and encrypted, each verified (integrity check, row counts).</summary>
    private static void MeasureBackups(string dbPath, string folder)
    {
        var db = new Database(dbPath);
        var backupFolder = Path.Combine(folder, "backup-bench");
        foreach (var passphrase in new string?[] { null, "benchmark-passphrase" })
        {
            var service = new Simpus.Core.Backup.BackupService(db, Simpus.Core.Backup.DatabaseProfile.Clinic,
                new Simpus.Core.Backup.BackupOptions { Passphrase = passphrase }, folder, TimeProvider.System);
            var run = service.TakeNow("cli", backupFolder);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Backup{(passphrase is null ? "" : " (encrypted)")}: database {new FileInfo(dbPath).Length / 1048576.0:0.0} MB -> {run.FileName} {run.SizeBytes / 1048576.0:0.0} MB in {run.Seconds:0.00} s (snapshot, integrity_check, row counts{(passphrase is null ? "" : ", encrypt, decrypt-verify")})"));
            Thread.Sleep(1100); // distinct file names (one per second)
        }
        Directory.Delete(backupFolder, true);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private static long Mb(Process p, bool peak)
    {
        p.Refresh();
        return (peak ? p.PeakWorkingSet64 : p.WorkingSet64) / (1024 * 1024);
    }

    private static void WaitHealthy(HttpClient http, Process service)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (service.HasExited)
            {
                throw new InvalidOperationException($"The service exited with code {service.ExitCode}");
            }
            try
            {
                if (http.GetAsync("/health").Result.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (AggregateException)
            {
            }
            Thread.Sleep(50);
        }
        throw new TimeoutException("The service did not answer /health");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A large clinic database for the service and backup benchmarks: generated patients (seeded) and a year of visits.</summary>
public static class LargeClinic
{
    public sealed record Samples(List<string> Names, List<string> Niks, List<string> Rms);

    /// <summary>Creates the database when missing (or reuses it), and returns sample search terms from it.</summary>
    public static Samples Ensure(string dbPath, int patients)
    {
        var db = new Database(dbPath);
        var fresh = !File.Exists(dbPath);
        Migrator.ForClinic(db).MigrateUp();
        if (fresh)
        {
            var sw = Stopwatch.StartNew();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            BulkLoader.InsertPatients(db, new PopulationGenerator(20261123, today).Generate(patients));
            var visits = InsertVisits(db, today);
            Console.WriteLine($"Generated {patients:N0} patients and {visits:N0} visits in {sw.Elapsed.TotalSeconds:0.0} s");
        }
        using var c = db.Open();
        var names = Dapper.SqlMapper.Query<string>(c, "SELECT name FROM patients WHERE id % 97 = 0").ToList();
        var niks = Dapper.SqlMapper.Query<string>(c, "SELECT nik FROM patients WHERE nik IS NOT NULL AND id % 89 = 0").ToList();
        var rms = Dapper.SqlMapper.Query<string>(c, "SELECT rm FROM patients WHERE id % 83 = 0").ToList();
        c.Close();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return new Samples(names, niks, rms);
    }

    /// <summary>About 250 visits a working day over the past year, finished, spread over the poli; returns how many.</summary>
    private static int InsertVisits(Database db, DateOnly today)
    {
        var random = new Random(7);
        return db.InTransaction((c, t) =>
        {
            var maxId = Dapper.SqlMapper.ExecuteScalar<long>(c, "SELECT MAX(id) FROM patients", transaction: t);
            using var cmd = c.CreateCommand();
            cmd.Transaction = t;
            cmd.CommandText = """
                INSERT INTO visits (patient_id, poli, payer, complaint, visit_date, queue_number, status, arrived_at, started_at, finished_at, created_at, created_by)
                VALUES ($p, $poli, 'bpjs-pbi', 'Demam dan batuk', $date, $q, 'finished', $at, $at, $at, $at, 'bench')
                """;
            var p = cmd.Parameters.Add("$p", Microsoft.Data.Sqlite.SqliteType.Integer);
            var poli = cmd.Parameters.Add("$poli", Microsoft.Data.Sqlite.SqliteType.Text);
            var date = cmd.Parameters.Add("$date", Microsoft.Data.Sqlite.SqliteType.Text);
            var q = cmd.Parameters.Add("$q", Microsoft.Data.Sqlite.SqliteType.Integer);
            var at = cmd.Parameters.Add("$at", Microsoft.Data.Sqlite.SqliteType.Text);
            string[] polis = ["umum", "umum", "umum", "gigi", "kia", "anak", "lansia"];
            var count = 0;
            for (var d = today.AddDays(-365); d < today; d = d.AddDays(1))
            {
                if (d.DayOfWeek == DayOfWeek.Sunday)
                {
                    continue;
                }
                var queue = new Dictionary<string, int>();
                for (var i = 0; i < 250; i++)
                {
                    var code = polis[random.Next(polis.Length)];
                    queue[code] = queue.GetValueOrDefault(code) + 1;
                    p.Value = 1 + random.NextInt64(maxId);
                    poli.Value = code;
                    date.Value = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    q.Value = queue[code];
                    at.Value = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T01:00:00.000Z";
                    cmd.ExecuteNonQuery();
                    count++;
                }
            }
            return count;
        });
    }
}

public static class BenchOptions
{
    public static int Int(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    public static string? Text(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}

public static class Repository
{
    /// <summary>The folder holding Simpus.sln, found upwards from the benchmark's binaries.</summary>
    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Simpus.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Simpus.sln not found above " + AppContext.BaseDirectory);
    }
}
