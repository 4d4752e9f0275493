using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Simpus.SatuSehat.Api;
using Simpus.SatuSehat.Fhir;

namespace Simpus.Benchmarks;

/// <summary>
/// Where a SATUSEHAT drain spends its time, without database or HTTP: builds visit Bundles like the <c>satusehat</c> benchmark's
/// (vitals, 1–2 diagnoses, a procedure in one of four, 1–3 prescriptions), then times the one-off warm-up of the validator,
/// building, serializing and parsing Bundles, and validating them (per resource type, on one thread and on all cores).
/// Options: <c>--bundles N</c> (default 400).
/// </summary>
public sealed class FhirValidationBenchmark : IBenchmark
{
    public string Name => "fhir";

    public string Description => "FHIR: biaya membangun, serialisasi dan validasi Bundle kunjungan (tanpa DB/HTTP)";

    public void Run(string[] args)
    {
        var count = args.Length > 1 && args[0] == "--bundles" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 400;
        var validation = new FhirValidation();
        Console.WriteLine($"Load average before: {LoadAverage()}");
        var sw = Stopwatch.StartNew();
        var cpu0 = Cpu();
        validation.WarmUp();
        Console.WriteLine($"Warm-up (read the specification, compile the schemas): {sw.Elapsed.TotalSeconds:0.0} s, CPU {(Cpu() - cpu0) / 1000:0.0} s");

        var random = new Random(3);
        sw.Restart();
        var bundles = Enumerable.Range(1, count).Select(i => VisitBundleBuilder.Build(Visit(i, random), "http://localhost/fhir").Bundle).ToList();
        var build = sw.Elapsed.TotalMilliseconds;
        var resources = bundles.Sum(b => b.Entry.Count);
        sw.Restart();
        var json = bundles.Select(SatuSehatClient.Serialize).ToList();
        var serialize = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        foreach (var j in json)
        {
            _ = JsonSerializer.Deserialize<Bundle>(j, SatuSehatClient.FhirJson);
        }
        var parse = sw.Elapsed.TotalMilliseconds;
        var lenient = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector).UsingMode(DeserializationMode.Ostrich);
        foreach (var j in json.Take(20))
        {
            _ = JsonSerializer.Deserialize<Bundle>(j, lenient);
        }
        sw.Restart();
        foreach (var j in json)
        {
            _ = JsonSerializer.Deserialize<Bundle>(j, SatuSehatClient.FhirJson);
        }
        var parseWarm = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        foreach (var j in json)
        {
            _ = JsonSerializer.Deserialize<Bundle>(j, lenient);
        }
        var parseLenient = sw.Elapsed.TotalMilliseconds;
        Console.WriteLine($"{count} Bundles, {resources} resources ({(double)resources / count:0.0} per Bundle, {json.Average(j => j.Length) / 1024:0.0} KiB JSON each)");
        Console.WriteLine($"  build {build / count:0.00} ms, serialize {serialize / count:0.00} ms, parse {parse / count:0.00} ms per Bundle " +
            $"(again, warm: {parseWarm / count:0.00} ms; without the parser's own attribute checks: {parseLenient / count:0.00} ms)");

        // One thread, per resource type: the cost of the validator itself (a first pass to let the JIT and caches settle).
        var first = Stopwatch.StartNew();
        var firstCpu = Cpu();
        validation.ValidateEntries(bundles[0]);
        foreach (var b in bundles.Take(50))
        {
            validation.ValidateEntries(b);
        }
        Console.WriteLine($"First 50 Bundles: {first.Elapsed.TotalMilliseconds / 50:0.00} ms per Bundle, CPU {(Cpu() - firstCpu) / 50:0.00} ms");
        var perType = new Dictionary<string, List<double>>();
        var cpu = Cpu();
        sw.Restart();
        foreach (var b in bundles)
        {
            foreach (var e in b.Entry)
            {
                var start = Stopwatch.GetTimestamp();
                var result = validation.Validate(e.Resource!);
                var ms = Measure.Ms(Stopwatch.GetTimestamp() - start);
                if (!result.IsValid)
                {
                    throw new InvalidOperationException(result.Summary);
                }
                (perType.TryGetValue(e.Resource!.TypeName, out var list) ? list : perType[e.Resource.TypeName] = []).Add(ms);
            }
        }
        var single = sw.Elapsed.TotalMilliseconds;
        var singleCpu = Cpu() - cpu;
        Console.WriteLine($"Validation on one thread: {single / count:0.00} ms per Bundle, {single / resources:0.000} ms per resource; " +
            $"CPU {singleCpu / count:0.00} ms per Bundle");
        foreach (var (type, list) in perType.OrderByDescending(x => x.Value.Sum()))
        {
            Console.WriteLine($"  {type,-18} {list.Count,6} × p50 {Measure.F(Measure.Percentile(list, 50))} ms, mean {list.Average():0.000} ms, total {list.Sum() / 1000:0.0} s");
        }

        cpu = Cpu();
        sw.Restart();
        var parallel = validation.ValidateBundlesAsync(bundles).GetAwaiter().GetResult();
        var all = sw.Elapsed.TotalMilliseconds;
        var allCpu = Cpu() - cpu;
        if (parallel.Any(p => !p.IsValid))
        {
            throw new InvalidOperationException(parallel.First(p => !p.IsValid).Summary);
        }
        Console.WriteLine($"Validation on {Environment.ProcessorCount} cores (ValidateBundlesAsync): {all / count:0.00} ms per Bundle " +
            $"(a month of 8,000 visits: {all / count * 8000 / 1000:0.0} s of validation); CPU {allCpu / count:0.00} ms per Bundle");
        Console.WriteLine($"Peak working set: {Measure.PeakWorkingSetMb()} MB; load average after: {LoadAverage()}");
    }

    /// <summary>The machine's 1/5/15-minute load average (Linux), to tell idle figures from loaded ones.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    /// <summary>CPU time of this process so far (ms): what the work costs whatever else the machine is doing.</summary>
    public static double Cpu()
    {
        using var p = Process.GetCurrentProcess();
        return p.TotalProcessorTime.TotalMilliseconds;
    }

    private static VisitRecord Visit(int i, Random random)
    {
        string[] codes = ["J06.9", "I10", "A09", "R50.9", "M79.1", "K30", "L30.9", "K29.7", "E11.9", "J00"];
        var arrived = new DateTimeOffset(2026, 11, 1, 1, 0, 0, TimeSpan.Zero).AddMinutes(5 * i);
        var diagnoses = codes.OrderBy(_ => random.Next()).Take(1 + random.Next(2))
            .Select((c, k) => new DiagnosisRow(i * 10 + k, c, "Diagnosis " + c, k == 0, false)).ToList();
        var procedures = random.Next(4) == 0 ? [new ProcedureRow(i, "Perawatan luka", "93.57", false)] : new List<ProcedureRow>();
        var prescriptions = Enumerable.Range(0, 1 + random.Next(3))
            .Select(k => new PrescriptionRow(i * 10 + k, "OB00" + k, "Parasetamol 500 mg", k == 0 ? "93000100" : null, null, "3x1", 10, "tablet", 3, false))
            .ToList();
        return new VisitRecord
        {
            VisitId = i, OrganizationId = "100026555", PatientId = "P" + (1000 + i % 977), PatientName = "Pasien " + i,
            PractitionerId = "N10000001", PractitionerName = "dr. Budi", LocationId = "L1", LocationName = "Poli Umum",
            ArrivedAt = arrived, StartedAt = arrived.AddMinutes(12), FinishedAt = arrived.AddMinutes(25), ExaminedAt = arrived.AddMinutes(15),
            Vitals = VitalSign.All.Select(s => new VitalValue(s, 36 + random.Next(100))).ToList(),
            Diagnoses = diagnoses, Procedures = procedures, Prescriptions = prescriptions,
        };
    }
}
