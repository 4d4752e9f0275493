using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Simpus.Core.Ages;
using Simpus.Core.Data;
using Simpus.District.Hosting;
using Simpus.District.Packages;
using Simpus.District.Quality;
using Simpus.District.Registry;
using Simpus.District.Workbook;
using Simpus.Exchange;

namespace Simpus.Benchmarks;

/// <summary>
/// The worst package the district accepts (issue 14.4): N puskesmas (default 100) send a plausible month each, and one more
/// sends a seeded package at the caps (<c>Simpus:District:MaxPackageValues</c> values, <c>MaxPackageDrugs</c> drugs), shaped to
/// make the most workbook rows: one LPLPO row per drug and every other value a distinct LB1 code (each a row on both LB1 sheets,
/// the per-puskesmas one as wide as the district). Measures the file, its receipt through the same streaming reader and inbox the
/// API uses, and the month's district workbook (time, size, peak working set). Options: <c>--puskesmas N</c>, <c>--values V</c>,
/// <c>--drugs D</c>, <c>--shape lb1|lainnya</c> (<c>lainnya</c>: distinct data elements on the "Lainnya" sheet instead of LB1 codes).
/// </summary>
public sealed class DistrictWorstBenchmark : IBenchmark
{
    private const int Seed = 14_04;

    public string Name => "district-worst";

    public string Description => "Dinkes: paket terbesar yang diterima (batas nilai dan obat) + 100 puskesmas, lalu buku kerja sebulan";

    public void Run(string[] args)
    {
        var defaults = new DistrictOptions();
        var clinics = DistrictBenchmark.Option(args, "--puskesmas", 100);
        var valueCount = DistrictBenchmark.Option(args, "--values", defaults.MaxPackageValues);
        var drugCount = DistrictBenchmark.Option(args, "--drugs", defaults.MaxPackageDrugs);
        var shape = args.SkipWhile(a => a != "--shape").Skip(1).FirstOrDefault() ?? "lb1";
        var folder = Measure.Folder("district-worst");
        var db = new Database(Path.Combine(folder, DistrictServices.DatabaseFile));
        DistrictApp.Migrations(db).MigrateUp();
        var clock = TimeProvider.System;
        var options = Options.Create(new DistrictOptions { MaxPackageValues = Math.Max(valueCount, defaults.MaxPackageValues), MaxPackageDrugs = Math.Max(drugCount, defaults.MaxPackageDrugs), MaxPackageBytes = 256 * 1024 * 1024 });
        var registry = new PuskesmasRegistry(db, clock);
        var inbox = new PackageInbox(db, registry, clock, options);
        var data = new DistrictData(db);
        var quality = new QualityService(registry, data, options, clock);
        var workbook = new DistrictWorkbook(registry, data, quality, options, new Simpus.District.Farmasi.DistrictPharmacy(db, data, registry));
        var month = MonthPeriod.Of(DateOnly.FromDateTime(DateTime.UtcNow)).AddMonths(-1);
        Console.WriteLine($"District worst-package benchmark: {clinics} puskesmas with a plausible month + 1 at {valueCount:N0} values and {drugCount:N0} drugs " +
            $"(shape {shape}), month {month}; caps by default: {defaults.MaxPackageBytes / 1048576.0:0.#} MB, {defaults.MaxPackageValues:N0} values, {defaults.MaxPackageDrugs:N0} drugs");

        for (var i = 1; i <= clinics; i++)
        {
            var code = string.Create(CultureInfo.InvariantCulture, $"P33{i:0000000}");
            var key = registry.Register(new PuskesmasInput(code, $"Puskesmas {i:000}")).Key;
            inbox.Receive(PackageCodec.Write(DistrictBenchmark.Generate(code, month), key), "api", null);
        }
        var worstKey = registry.Register(new PuskesmasInput("P3399999999", "Puskesmas Terbesar")).Key;
        var worst = Worst("P3399999999", month, valueCount, drugCount, shape);
        var file = PackageCodec.Write(worst, worstKey);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Worst package: {worst.Values.Count:N0} values, {worst.Drugs.Count:N0} drugs, {file.Length / 1048576.0:0.00} MB " +
            $"({(file.Length <= defaults.MaxPackageBytes ? "within" : "OVER")} the default byte cap)"));

        var start = Stopwatch.GetTimestamp();
        var read = PackageStream.ReadAsync(new MemoryStream(file), options.Value.Limits).GetAwaiter().GetResult();
        var result = inbox.Receive(read, "api", null);
        Console.WriteLine($"Received (stream-read with caps, parse, verify HMAC, store): {result.Status} in {Measure.F(Measure.Ms(Stopwatch.GetTimestamp() - start))} ms");

        GC.Collect();
        using (var p = Process.GetCurrentProcess())
        {
            Console.WriteLine($"Working set before the workbook: {p.WorkingSet64 / 1048576} MB (peak so far {Measure.PeakWorkingSetMb()} MB)");
        }
        var runs = new List<double>();
        var size = 0;
        for (var run = 0; run < 3; run++)
        {
            var t0 = Stopwatch.GetTimestamp();
            size = workbook.Build(month, yearToDate: false).Length;
            runs.Add(Measure.Ms(Stopwatch.GetTimestamp() - t0));
        }
        Console.WriteLine($"Month workbook {month} ({clinics + 1} puskesmas): {string.Join(", ", runs.Select(r => Measure.F(r / 1000)))} s (first is cold), " +
            $"{size / 1024} KB; peak working set {Measure.PeakWorkingSetMb()} MB");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>
    /// A package at the caps, seeded: <paramref name="drugs"/> drugs each with a request and a remaining stock (one LPLPO row each),
    /// the other values distinct LB1 codes (new cases, one age band and sex each) or distinct "Lainnya" elements.
    /// </summary>
    public static MonthlyPackage Worst(string code, MonthPeriod period, int values, int drugs, string shape)
    {
        var random = new Random(Seed);
        var list = new List<PackageValue>(values);
        var drugList = new List<PackageDrug>(drugs);
        for (var d = 0; d < drugs && list.Count + 2 <= values; d++)
        {
            var drug = string.Create(CultureInfo.InvariantCulture, $"OB{d:00000}");
            drugList.Add(new PackageDrug(drug, $"Obat uji {d:00000} tablet 500 mg", "tablet", d % 3 == 0 ? "Kelas terapi uji" : null));
            list.Add(Value("LPLPO.PERMINTAAN", random.Next(1, 5000), ("drug", drug)));
            list.Add(Value("LPLPO.SISA", random.Next(0, 5000), ("drug", drug)));
        }
        var bands = AgeBands.Lb1.Select(b => b.Code).ToArray();
        for (var i = 0; list.Count < values; i++)
        {
            var n = random.Next(1, 40);
            if (shape == "lainnya")
            {
                list.Add(Value(string.Create(CultureInfo.InvariantCulture, $"UJI.DATA_{i:000000}"), n));
            }
            else
            {
                // Distinct ICD-10-like codes: A00.0 … Z99.9 (26,000).
                var icd = string.Create(CultureInfo.InvariantCulture, $"{(char)('A' + i % 26)}{i / 26 % 100:00}.{i / 2600 % 10}");
                list.Add(Value("LB1.BARU", n, ("code", icd), ("sex", random.Next(2) == 0 ? "L" : "P"), ("ageBand", bands[random.Next(bands.Length)])));
            }
        }
        return new MonthlyPackage
        {
            PuskesmasCode = code,
            PuskesmasName = "Puskesmas Terbesar",
            Period = period,
            Revision = 1,
            GeneratedAt = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
            Values = list,
            Drugs = drugList,
        };
    }

    private static PackageValue Value(string element, decimal value, params (string, string)[] parts) =>
        new(element, parts.ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal), value);
}
