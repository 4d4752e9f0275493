using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Simpus.Clinic.Hosting;
using Simpus.Core.Data;
using Simpus.Core.Demo;
using Simpus.SatuSehat.Delivery;
using Simpus.SatuSehat.Fhir;
using Simpus.SatuSehat.Double;
using Simpus.SatuSehat.Settings;
using Simpus.Web.Users;

namespace Simpus.Benchmarks;

/// <summary>
/// SATUSEHAT delivery: a day (300 visits) and a month's backlog (8,000 visits, as after weeks offline) of finished visits with
/// vitals, 1–2 diagnoses, procedures and prescriptions drained from the outbox into the SATUSEHAT double (in this process, which
/// validates every Bundle too), through the real clinic service. Meanwhile a desk searches patients and registers visits over HTTP;
/// their latencies are compared with the same requests before the drain. Options: <c>--day N --month N --patients N --double-validates true|false --warm start|drain</c>.
/// </summary>
public sealed class SatuSehatBenchmark : IBenchmark
{
    public string Name => "satusehat";

    public string Description => "SATUSEHAT: sehari (300) dan sebulan (8.000) kunjungan dikirim ke double (target bulan < 2 menit)";

    public void Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task RunAsync(string[] args)
    {
        var day = Option(args, "--day", 300);
        var month = Option(args, "--month", 8000);
        var patients = Option(args, "--patients", 6000);
        var doubleValidates = OptionText(args, "--double-validates", "true") != "false";
        // "start": the validator is warmed before the clock, as in a service that started with SATUSEHAT switched on and then lost
        // the link; "drain": its one-off warm-up falls inside the first drain, as when SATUSEHAT is switched on for the first time.
        var warmAtStart = OptionText(args, "--warm", "start") != "drain";
        await using var satusehat = await SatuSehatDouble.StartAsync();
        satusehat.ValidateBundles = doubleValidates;
        var folder = Measure.Folder("satusehat");
        Console.WriteLine($"SATUSEHAT benchmark: {patients:N0} patients, a day of {day} and a month of {month:N0} finished visits, data in {folder}; " +
            $"the double {(doubleValidates ? "validates every Bundle too (same cores)" : "does not validate (--double-validates false)")}; " +
            $"{Environment.ProcessorCount} cores, load average {FhirValidationBenchmark.LoadAverage()}");
        var app = ClinicApp.Build([
            $"--Simpus:DataDir={folder}", "--Simpus:AdminPassword=bench-admin-123", "--urls=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning",
            $"--Simpus:SatuSehat:AuthUrl={satusehat.AuthUrl}", $"--Simpus:SatuSehat:BaseUrl={satusehat.BaseUrl}",
            $"--Simpus:SatuSehat:OrganizationId={SatuSehatDouble.OrganizationId}", $"--Simpus:SatuSehat:ClientId={SatuSehatDouble.ClientId}",
            $"--Simpus:SatuSehat:ClientSecret={SatuSehatDouble.ClientSecret}", "--Simpus:SatuSehat:Enabled=false", "--Simpus:SatuSehat:PollSeconds=0.2",
        ], TextWriter.Null)!;
        await app.StartAsync();
        var db = app.Services.GetRequiredService<Database>();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        var sw = Stopwatch.StartNew();
        var people = new PopulationGenerator(20261123, DateOnly.FromDateTime(DateTime.UtcNow)).Generate(patients).ToList();
        BulkLoader.InsertPatients(db, people, user: "bench");
        foreach (var p in people.Where(p => p.Nik is not null))
        {
            satusehat.AddPatient(p.Nik!, p.Name);
        }
        var users = app.Services.GetRequiredService<UserStore>();
        users.Create(new UserInput { Username = "dokter", FullName = "dr. Budi", Password = "bench-sukamaju-1", Role = "klinisi", Poli = "umum" });
        users.Create(new UserInput { Username = "loket", FullName = "Loket", Password = "bench-sukamaju-1", Role = "pendaftaran" });
        using (var c = db.Open())
        {
            if (!c.Query<string>("SELECT name FROM pragma_table_info('users')").Contains("nik"))
            {
                c.Execute("ALTER TABLE users ADD COLUMN nik TEXT");
            }
            c.Execute("UPDATE users SET nik = '3374011203880001' WHERE username = 'dokter'");
        }
        satusehat.AddPractitioner("3374011203880001", "dr. Budi");
        Console.WriteLine($"Seeded patients in {sw.Elapsed.TotalSeconds:0.0} s");

        using var desk = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = address };
        (await desk.PostAsJsonAsync("/api/auth/login", new { username = "loket", password = "bench-sukamaju-1" })).EnsureSuccessStatusCode();
        var rms = Rms(db);
        var random = new Random(7);
        var baseline = await DeskLoadAsync(desk, people, rms, random, TimeSpan.FromSeconds(10), null);
        Console.WriteLine($"Desk before sending: search p50 {Measure.F(Measure.Percentile(baseline.Search, 50))} ms p95 {Measure.F(Measure.Percentile(baseline.Search, 95))} ms; " +
            $"registration p50 {Measure.F(Measure.Percentile(baseline.Register, 50))} ms p95 {Measure.F(Measure.Percentile(baseline.Register, 95))} ms");

        if (warmAtStart)
        {
            var warmCpu = FhirValidationBenchmark.Cpu();
            sw.Restart();
            app.Services.GetRequiredService<FhirValidation>().WarmUp();
            Console.WriteLine($"Validator warm-up (once per process, before the clock; --warm drain puts it inside the first drain): " +
                $"{sw.Elapsed.TotalSeconds:0.0} s, CPU {(FhirValidationBenchmark.Cpu() - warmCpu) / 1000:0.0} s");
        }

        var settings = app.Services.GetRequiredService<ConnectionSettings>();
        var queue = app.Services.GetRequiredService<VisitQueue>();
        var offset = 0;
        foreach (var (label, count) in new[] { ("day", day), ("month", month) }.Where(x => x.Item2 > 0))
        {
            settings.Save(new ConnectionInput { Enabled = false }, "bench");
            sw.Restart();
            SeedVisits(db, count, offset);
            offset += count;
            Console.WriteLine($"Seeded {count:N0} finished visits in {sw.Elapsed.TotalSeconds:0.0} s; pending {queue.PendingCount():N0}");
            var before = satusehat.Accepted.Count;
            using var stop = new CancellationTokenSource();
            var sender = app.Services.GetRequiredService<VisitSender>();
            sender.Timings.Reset();
            var cpu = FhirValidationBenchmark.Cpu();
            sw.Restart();
            settings.Save(new ConnectionInput { Enabled = true }, "bench");
            var load = DeskLoadAsync(desk, people, rms, random, TimeSpan.FromMinutes(30), stop.Token);
            while (queue.PendingCount() > 0)
            {
                await Task.Delay(100);
                if (sw.Elapsed > TimeSpan.FromMinutes(30))
                {
                    throw new TimeoutException("Drain did not finish in 30 minutes");
                }
            }
            var seconds = sw.Elapsed.TotalSeconds;
            var cpuSeconds = (FhirValidationBenchmark.Cpu() - cpu) / 1000;
            var loadAfter = FhirValidationBenchmark.LoadAverage();
            await stop.CancelAsync();
            var during = await load;
            var counts = queue.Counts();
            var sent = satusehat.Accepted.Count - before;
            Console.WriteLine($"{label}: {count:N0} visits drained in {seconds:0.0} s ({count / seconds:0.0} visits/s, {1000 * seconds / count:0.0} ms each); " +
                $"bundles accepted {sent:N0}; status terkirim {counts["terkirim"]:N0}, ditahan {counts["ditahan"]}, gagal {counts["gagal"]}");
            var t = sender.Timings;
            Console.WriteLine($"  process CPU {cpuSeconds:0.0} s ({1000 * cpuSeconds / count:0.0} ms per visit; clinic, double and desk together); " +
                $"sender wall time: prepare {t[SenderPhase.Prepare].TotalSeconds:0.0} s, validate {t[SenderPhase.Validate].TotalSeconds:0.0} s, " +
                $"send {t[SenderPhase.Send].TotalSeconds:0.0} s, record {t[SenderPhase.Record].TotalSeconds:0.0} s; load average at the end {loadAfter}");
            Console.WriteLine($"  desk during the drain: search p50 {Measure.F(Measure.Percentile(during.Search, 50))} ms p95 {Measure.F(Measure.Percentile(during.Search, 95))} ms " +
                $"({during.Search.Count} searches); registration p50 {Measure.F(Measure.Percentile(during.Register, 50))} ms p95 {Measure.F(Measure.Percentile(during.Register, 95))} ms ({during.Register.Count})");
        }
        Console.WriteLine($"Resources at the double: {satusehat.Resources("Encounter").Count:N0} Encounter, {satusehat.Resources("Observation").Count:N0} Observation, " +
            $"{satusehat.Resources("Condition").Count:N0} Condition, {satusehat.Resources("MedicationRequest").Count:N0} MedicationRequest");
        Console.WriteLine($"Peak working set: {Measure.PeakWorkingSetMb()} MB");
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, true);
    }

    private sealed record DeskTimes(List<double> Search, List<double> Register);

    /// <summary>A desk at work: a name search, then a visit registration for a patient, alternately, about 4 per second.</summary>
    private static async Task<DeskTimes> DeskLoadAsync(HttpClient desk, List<GeneratedPatient> people, List<string> rms, Random random,
        TimeSpan duration, CancellationToken? stop)
    {
        var times = new DeskTimes([], []);
        var until = DateTime.UtcNow + duration;
        while (DateTime.UtcNow < until && stop?.IsCancellationRequested != true)
        {
            var name = people[random.Next(people.Count)].Name;
            var start = Stopwatch.GetTimestamp();
            (await desk.GetAsync("/api/patients?q=" + Uri.EscapeDataString(name))).EnsureSuccessStatusCode();
            times.Search.Add(Measure.Ms(Stopwatch.GetTimestamp() - start));
            var rm = rms[random.Next(rms.Count)];
            start = Stopwatch.GetTimestamp();
            var response = await desk.PostAsJsonAsync("/api/visits", new { rm, poli = "gigi", payer = "umum" });
            if (response.IsSuccessStatusCode)
            {
                times.Register.Add(Measure.Ms(Stopwatch.GetTimestamp() - start));
            }
            try
            {
                await Task.Delay(250, stop ?? CancellationToken.None);
            }
            catch (TaskCanceledException)
            {
                break;
            }
        }
        return times;
    }

    private static List<string> Rms(Database db)
    {
        using var c = db.Open();
        return c.Query<string>("SELECT rm FROM patients ORDER BY id").ToList();
    }

    /// <summary>Finished visits over the last 30 days at poli umum: vitals, 1–2 diagnoses, a procedure in one of four, 1–3 prescriptions.</summary>
    private static void SeedVisits(Database db, int count, int offset)
    {
        var random = new Random(11 + offset);
        string[] codes = ["J06.9", "I10", "A09", "R50.9", "M79.1", "K30", "L30.9", "K29.7", "E11.9", "J00"];
        string[] drugs = ["OB001", "OB004", "OB107", "OB039"];
        var now = DateTimeOffset.UtcNow;
        db.InTransaction((c, t) =>
        {
            var patientIds = c.Query<long>("SELECT id FROM patients WHERE nik IS NOT NULL", transaction: t).ToList();
            var queue = new Dictionary<string, int>();
            for (var i = 0; i < count; i++)
            {
                var arrived = now.AddDays(-30).AddMinutes(30.0 * 24 * 60 * i / count).AddSeconds(-offset);
                var date = arrived.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var number = queue[date] = queue.GetValueOrDefault(date) + 1 + offset;
                var started = arrived.AddMinutes(10 + random.Next(30));
                var finished = started.AddMinutes(5 + random.Next(15));
                var visitId = c.ExecuteScalar<long>("""
                    INSERT INTO visits (patient_id, poli, payer, complaint, visit_date, queue_number, status, arrived_at, started_at, finished_at, created_at, created_by)
                    VALUES (@patient, 'umum', 'bpjs-pbi', 'Keluhan', @date, @number, 'finished', @arrived, @started, @finished, @arrived, 'loket')
                    RETURNING id
                    """, new { patient = patientIds[random.Next(patientIds.Count)], date, number, arrived, started, finished }, t);
                c.Execute("""
                    INSERT INTO examinations (visit_id, complaint, systolic, diastolic, pulse, respiration, temperature, weight, height, clinician, created_at, updated_at)
                    VALUES (@visitId, 'Keluhan', @sys, @dia, @pulse, 20, @temp, @weight, @height, 'dokter', @started, @started)
                    """, new { visitId, sys = 100 + random.Next(60), dia = 60 + random.Next(30), pulse = 60 + random.Next(40), temp = 36 + random.Next(30) / 10.0,
                    weight = 40 + random.Next(400) / 10.0, height = 140 + random.Next(40), started }, t);
                var diagnoses = 1 + random.Next(2);
                foreach (var (code, k) in codes.OrderBy(_ => random.Next()).Take(diagnoses).Select((code, k) => (code, k)))
                {
                    c.Execute("INSERT INTO diagnoses (visit_id, code, is_primary, case_type, created_at, created_by) VALUES (@visitId, @code, @primary, 'baru', @started, 'dokter')",
                        new { visitId, code, primary = k == 0, started }, t);
                }
                if (random.Next(4) == 0)
                {
                    c.Execute("INSERT INTO procedures (visit_id, name, code, created_at, created_by) VALUES (@visitId, 'Perawatan luka', '93.57', @started, 'dokter')",
                        new { visitId, started }, t);
                }
                foreach (var drug in drugs.OrderBy(_ => random.Next()).Take(1 + random.Next(3)))
                {
                    c.Execute("INSERT INTO prescriptions (visit_id, drug_code, dose, quantity, days, created_at, created_by) VALUES (@visitId, @drug, '3x1', 10, 3, @started, 'dokter')",
                        new { visitId, drug, started }, t);
                }
            }
        });
    }

    private static string OptionText(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
