using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Simpus.Core.Ages;
using Simpus.Core.Data;
using Simpus.District.Dhis2;
using Simpus.District.Hosting;
using Simpus.District.Packages;
using Simpus.District.Quality;
using Simpus.District.Registry;
using Simpus.District.Workbook;
using Simpus.Exchange;

namespace Simpus.Benchmarks;

/// <summary>
/// The Dinas Kesehatan at the scale of a large kabupaten: registers N puskesmas (default 100), imports 12 months of signed
/// packages each (parse, verify, store), then builds a month's district workbook (target &lt; 5 s), the year-to-date workbook,
/// the quality assessment, the DHIS2 export and the dashboard. Options: <c>--puskesmas N --months M</c>, <c>--keep</c> (keep the database).
/// </summary>
public sealed class DistrictBenchmark : IBenchmark
{
    public string Name => "district";

    public string Description => "Dinkes: impor 100 puskesmas × 12 bulan paket, lalu buku kerja kabupaten sebulan (target < 5 s)";

    public void Run(string[] args)
    {
        var clinics = Option(args, "--puskesmas", 100);
        var months = Option(args, "--months", 12);
        var folder = Measure.Folder("district");
        var db = new Database(Path.Combine(folder, DistrictServices.DatabaseFile));
        DistrictApp.Migrations(db).MigrateUp();
        var clock = TimeProvider.System;
        var options = Options.Create(new DistrictOptions());
        var registry = new PuskesmasRegistry(db, clock);
        var inbox = new PackageInbox(db, registry, clock, options);
        var data = new DistrictData(db);
        var quality = new QualityService(registry, data, options, clock);
        var workbook = new DistrictWorkbook(registry, data, quality, options, new Simpus.District.Farmasi.DistrictPharmacy(db, data, registry));
        var dhis2 = new Dhis2Mapping(db, registry, data, clock);

        var last = MonthPeriod.Of(DateOnly.FromDateTime(DateTime.UtcNow)).AddMonths(-1);
        var periods = Enumerable.Range(0, months).Select(i => last.AddMonths(-(months - 1) + i)).ToList();
        Console.WriteLine($"District benchmark: {clinics} puskesmas × {months} months ({periods[0]} … {last}), data in {folder}");

        var keys = new List<(string Code, string Key)>();
        for (var i = 1; i <= clinics; i++)
        {
            var code = string.Create(CultureInfo.InvariantCulture, $"P33{i:0000000}");
            keys.Add((code, registry.Register(new PuskesmasInput(code, $"Puskesmas {i:000}")).Key));
        }

        var generateTicks = 0L;
        var importTicks = 0L;
        var perPackage = new List<double>();
        var values = 0L;
        var bytes = 0L;
        foreach (var period in periods)
        {
            foreach (var (code, key) in keys)
            {
                var start = Stopwatch.GetTimestamp();
                var package = Generate(code, period);
                var file = PackageCodec.Write(package, key);
                generateTicks += Stopwatch.GetTimestamp() - start;
                values += package.Values.Count;
                bytes += file.Length;
                start = Stopwatch.GetTimestamp();
                inbox.Receive(file, "api", null);
                var took = Stopwatch.GetTimestamp() - start;
                importTicks += took;
                perPackage.Add(Measure.Ms(took));
            }
        }
        var packages = perPackage.Count;
        Console.WriteLine($"Generated and signed {packages} packages ({values:N0} values, {bytes / 1024.0 / 1024.0:0.0} MB) in {Measure.Ms(generateTicks) / 1000:0.00} s");
        Console.WriteLine($"Imported (parse + verify HMAC + store) in {Measure.Ms(importTicks) / 1000:0.00} s: " +
            $"mean {Measure.F(perPackage.Average())} ms, p95 {Measure.F(Measure.Percentile(perPackage, 95))} ms per package");

        var runs = new List<double>();
        var size = 0;
        for (var run = 0; run < 3; run++)
        {
            var start = Stopwatch.GetTimestamp();
            size = workbook.Build(last, yearToDate: false).Length;
            runs.Add(Measure.Ms(Stopwatch.GetTimestamp() - start));
        }
        Console.WriteLine($"Month workbook {last}: {string.Join(", ", runs.Select(r => Measure.F(r / 1000)))} s (first is cold), {size / 1024} KB");

        var ytdStart = Stopwatch.GetTimestamp();
        var ytdSize = workbook.Build(last, yearToDate: true).Length;
        Console.WriteLine($"Year-to-date workbook (Jan–{last.Month:00}): {Measure.F(Measure.Ms(Stopwatch.GetTimestamp() - ytdStart) / 1000)} s, {ytdSize / 1024} KB");

        var qualityStart = Stopwatch.GetTimestamp();
        var assessed = quality.Assess(last);
        Console.WriteLine($"Quality {last}: {Measure.F(Measure.Ms(Stopwatch.GetTimestamp() - qualityStart))} ms " +
            $"(completeness {assessed.Completeness} %, {assessed.ViolationCount} rule violations, {assessed.OutlierCount} outliers)");

        var dhisStart = Stopwatch.GetTimestamp();
        var set = dhis2.Export(last);
        Console.WriteLine($"DHIS2 export {last}: {set.DataValues.Count:N0} data values in {Measure.F(Measure.Ms(Stopwatch.GetTimestamp() - dhisStart))} ms");

        // The dashboard (GET /api/dashboard): the month with 12 months of trend, cold then answered from memory.
        var dashboard = new Simpus.District.Dashboard.DistrictDashboard(db, registry, data, quality, options, clock);
        var dashboardStart = Stopwatch.GetTimestamp();
        var answer = dashboard.Get(last);
        var cold = Measure.Ms(Stopwatch.GetTimestamp() - dashboardStart);
        var warm = new List<double>();
        for (var run = 0; run < 5; run++)
        {
            var start = Stopwatch.GetTimestamp();
            dashboard.Get(last);
            warm.Add(Measure.Ms(Stopwatch.GetTimestamp() - start));
        }
        Console.WriteLine($"Dashboard {last} ({answer.Puskesmas.Count} puskesmas, {answer.Trend.Count} months of trend): cold {Measure.F(cold / 1000)} s, " +
            $"from memory {Measure.F(warm.Min())}–{Measure.F(warm.Max())} ms, JSON {System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(answer, Json).Length / 1024} KB");

        Console.WriteLine($"Database {new FileInfo(db.FilePath).Length / 1024.0 / 1024.0:0.0} MB; peak working set {Measure.PeakWorkingSetMb()} MB");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (args.Contains("--keep"))
        {
            Console.WriteLine($"Kept {db.FilePath} (serve it: dotnet run --project src/Simpus.District -- --Simpus:DataDir={folder})");
        }
        else
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A plausible month of one puskesmas (about 700 values), seeded by code and period so runs are repeatable.</summary>
    internal static MonthlyPackage Generate(string code, MonthPeriod period)
    {
        var random = new Random(int.Parse(code[3..], CultureInfo.InvariantCulture) * 100_000 + period.Year * 12 + period.Month);
        var size = 0.5 + random.NextDouble() * 1.5;
        var list = new List<PackageValue>();
        void Add(string element, decimal value, params (string, string)[] parts) =>
            list.Add(new PackageValue(element, parts.ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal), value));
        string[] sexes = ["L", "P"];
        var bands = AgeBands.Lb1.Select(b => b.Code).ToArray();
        var codes = Enumerable.Range(0, 60).Select(i => $"{(char)('A' + i % 26)}{10 + i:00}").ToArray();
        var newCases = 0;
        foreach (var icd in codes)
        {
            foreach (var band in bands)
            {
                foreach (var sex in sexes)
                {
                    if (random.NextDouble() < 0.28)
                    {
                        var n = 1 + random.Next((int)(6 * size));
                        newCases += n;
                        Add("LB1.BARU", n, ("code", icd), ("sex", sex), ("ageBand", band));
                    }
                }
            }
            foreach (var sex in sexes)
            {
                Add("LB1.LAMA", random.Next((int)(20 * size)) + 1, ("code", icd), ("sex", sex));
            }
        }
        var visits = newCases + 400 + random.Next(300);
        var baruL = visits / 6;
        var baruP = visits / 5;
        var lamaL = visits / 4;
        Add("KUNJUNGAN", baruL, ("type", "baru"), ("sex", "L"));
        Add("KUNJUNGAN", baruP, ("type", "baru"), ("sex", "P"));
        Add("KUNJUNGAN", lamaL, ("type", "lama"), ("sex", "L"));
        Add("KUNJUNGAN", visits - baruL - baruP - lamaL, ("type", "lama"), ("sex", "P"));
        string[] poli = ["umum", "gigi", "kia", "anak", "lansia", "ugd", "lab"];
        foreach (var p in poli)
        {
            Add("KUNJUNGAN.POLI", visits / poli.Length, ("poli", p));
            var examined = visits / poli.Length - random.Next(10);
            Add("TUNGGU.KUNJUNGAN", examined, ("poli", p));
            Add("TUNGGU.DALAM_TARGET", (int)(examined * (0.6 + random.NextDouble() * 0.4)), ("poli", p));
        }
        foreach (var payer in new[] { "umum", "bpjs-pbi", "bpjs-non-pbi", "jamkesda", "gratis" })
        {
            Add("KUNJUNGAN.PAYER", visits / 5, ("payer", payer));
            Add("JAMINAN.PASIEN", visits / 8, ("payer", payer));
        }
        foreach (var band in bands)
        {
            foreach (var sex in sexes)
            {
                Add("KUNJUNGAN.UMUR", visits / 24, ("ageBand", band), ("sex", sex));
            }
        }
        Add("RUJUKAN", random.Next(40));
        Add("UGD", visits / poli.Length);
        foreach (var (indicator, target) in new[] { ("K1", 600), ("K1_MURNI", 600), ("K4", 600), ("K6", 600), ("PN", 570), ("PF", 570), ("KF_LENGKAP", 570), ("KN1", 545), ("KN_LENGKAP", 545), ("IDL", 545) })
        {
            Add("KIA." + indicator, target / 12 + random.Next(-10, 10));
            Add("KIA.SASARAN", target, ("indicator", indicator));
        }
        Add("KIA.S", 2300);
        Add("KIA.D", 1500 + random.Next(600));
        foreach (var unit in new[] { "umum", "kia", "gigi", "farmasi", "tata-usaha" })
        {
            var employees = 4 + random.Next(8);
            Add("ABSENSI.PEGAWAI", employees, ("unit", unit));
            Add("ABSENSI.HARI_KERJA", 22, ("unit", unit));
            var present = employees * 22 - random.Next(10);
            Add("ABSENSI.HADIR", present, ("unit", unit));
            foreach (var c in new[] { "SAKIT", "IZIN", "CUTI", "DL", "TB", "TK", "TL", "PSW", "MENIT_TL" })
            {
                Add("ABSENSI." + c, random.Next(4), ("unit", unit));
            }
        }
        return new MonthlyPackage
        {
            PuskesmasCode = code,
            PuskesmasName = "Puskesmas " + code,
            Period = period,
            Revision = 1,
            GeneratedAt = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
            Values = list,
        };
    }

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    internal static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
