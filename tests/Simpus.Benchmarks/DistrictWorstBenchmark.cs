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
/// sends a seeded package at every cap of <see cref="DistrictOptions"/>, shaped to make the most workbook rows and cells:
/// <c>MaxPackageDrugs</c> drugs (one LPLPO row each), <c>MaxPackageReportRows</c> distinct data elements (rows of "Lainnya"),
/// <c>MaxPackageLb1Codes</c> distinct LB1 codes and the rest of <c>MaxPackageValues</c> as LB1 new cases filling their age bands.
/// Measures the file, its receipt through the same streaming reader and inbox the API uses, and the month's district workbook
/// (time, size, peak working set). Options: <c>--puskesmas N</c>, and <c>--values --drugs --codes --rows</c> to try other caps.
/// </summary>
public sealed class DistrictWorstBenchmark : IBenchmark
{
    private const int Seed = 14_04;

    public string Name => "district-worst";

    public string Description => "Dinkes: paket terbesar yang diterima (semua batas) + 100 puskesmas, lalu buku kerja sebulan";

    public void Run(string[] args)
    {
        var defaults = new DistrictOptions();
        var caps = new DistrictOptions
        {
            MaxPackageBytes = 256 * 1024 * 1024,
            MaxPackageValues = DistrictBenchmark.Option(args, "--values", defaults.MaxPackageValues),
            MaxPackageDrugs = DistrictBenchmark.Option(args, "--drugs", defaults.MaxPackageDrugs),
            MaxPackageLb1Codes = DistrictBenchmark.Option(args, "--codes", defaults.MaxPackageLb1Codes),
            MaxPackageReportRows = DistrictBenchmark.Option(args, "--rows", defaults.MaxPackageReportRows),
        };
        var clinics = DistrictBenchmark.Option(args, "--puskesmas", 100);
        var folder = Measure.Folder("district-worst");
        var db = new Database(Path.Combine(folder, DistrictServices.DatabaseFile));
        DistrictApp.Migrations(db).MigrateUp();
        var clock = TimeProvider.System;
        var options = Options.Create(caps);
        var registry = new PuskesmasRegistry(db, clock);
        var inbox = new PackageInbox(db, registry, clock, options);
        var data = new DistrictData(db);
        var quality = new QualityService(registry, data, options, clock);
        var workbook = new DistrictWorkbook(registry, data, quality, options, new Simpus.District.Farmasi.DistrictPharmacy(db, data, registry));
        var month = MonthPeriod.Of(DateOnly.FromDateTime(DateTime.UtcNow)).AddMonths(-1);
        Console.WriteLine($"District worst-package benchmark: {clinics} puskesmas with a plausible month + 1 at the caps " +
            $"({caps.MaxPackageValues:N0} values, {caps.MaxPackageDrugs:N0} drugs, {caps.MaxPackageLb1Codes:N0} LB1 codes, {caps.MaxPackageReportRows:N0} report rows), month {month}");

        for (var i = 1; i <= clinics; i++)
        {
            var code = string.Create(CultureInfo.InvariantCulture, $"P33{i:0000000}");
            var key = registry.Register(new PuskesmasInput(code, $"Puskesmas {i:000}")).Key;
            inbox.Receive(PackageCodec.Write(DistrictBenchmark.Generate(code, month), key), "api", null);
        }
        var worstKey = registry.Register(new PuskesmasInput("P3399999999", "Puskesmas Terbesar")).Key;
        var worst = Worst("P3399999999", month, caps);
        var file = PackageCodec.Write(worst, worstKey);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Worst package: {worst.Values.Count:N0} values, {worst.Drugs.Count:N0} drugs, {file.Length / 1048576.0:0.00} MB " +
            $"({(file.Length <= defaults.MaxPackageBytes ? "within" : "OVER")} the default byte cap of {defaults.MaxPackageBytes / 1048576.0:0.#} MB)"));

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

    /// <summary>A package at every cap, seeded (see the class summary for its shape).</summary>
    public static MonthlyPackage Worst(string code, MonthPeriod period, DistrictOptions caps)
    {
        var random = new Random(Seed);
        var list = new List<PackageValue>(caps.MaxPackageValues);
        var drugs = new List<PackageDrug>(caps.MaxPackageDrugs);
        for (var d = 0; d < caps.MaxPackageDrugs && list.Count + 2 <= caps.MaxPackageValues; d++)
        {
            var drug = string.Create(CultureInfo.InvariantCulture, $"OB{d:00000}");
            drugs.Add(new PackageDrug(drug, $"Obat uji {d:00000} tablet 500 mg", "tablet", d % 3 == 0 ? "Kelas terapi uji" : null));
            list.Add(Value("LPLPO.PERMINTAAN", random.Next(1, 5000), ("drug", drug)));
            list.Add(Value("LPLPO.SISA", random.Next(0, 5000), ("drug", drug)));
        }
        for (var i = 0; i < caps.MaxPackageReportRows && list.Count < caps.MaxPackageValues; i++)
        {
            list.Add(Value(string.Create(CultureInfo.InvariantCulture, $"UJI.DATA_{i:000000}"), random.Next(1, 1000), ("unit", "unit-" + (i % 7))));
        }
        // LB1: distinct ICD-10-like codes (A00.0 …), each filling its age bands × sex one after another until the values run out.
        var bands = AgeBands.Lb1.Select(b => b.Code).ToArray();
        var cells = bands.SelectMany(b => new[] { (b, "L"), (b, "P") }).ToArray();
        var codes = Enumerable.Range(0, caps.MaxPackageLb1Codes)
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"{(char)('A' + i % 26)}{i / 26 % 100:00}.{i / 2600 % 10}")).ToArray();
        for (var i = 0; list.Count < caps.MaxPackageValues && i < codes.Length * cells.Length; i++)
        {
            var (band, sex) = cells[i / codes.Length];
            list.Add(Value("LB1.BARU", random.Next(1, 40), ("code", codes[i % codes.Length]), ("sex", sex), ("ageBand", band)));
        }
        return new MonthlyPackage
        {
            PuskesmasCode = code,
            PuskesmasName = "Puskesmas Terbesar",
            Period = period,
            Revision = 1,
            GeneratedAt = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
            Values = list,
            Drugs = drugs,
        };
    }

    private static PackageValue Value(string element, decimal value, params (string, string)[] parts) =>
        new(element, parts.ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal), value);
}
