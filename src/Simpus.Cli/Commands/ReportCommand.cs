using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Simpus.Core.Attendance;
using Simpus.Core.Common;
using Simpus.Core.Data;
using Simpus.Core.Settings;
using Simpus.Reports;
using Simpus.Reports.Lb1;
using Simpus.Reports.Settings;

namespace Simpus.Cli.Commands;

/// <summary>
/// <c>simpus report --data DIR --month YYYY-MM --out FILE.xlsx [--layout sikda]</c>: the monthly report pack straight from
/// the clinic database file, while the server is stopped (or running: SQLite lets a reader in beside it).
/// </summary>
public sealed class ReportCommand : ICommand
{
    private static readonly HashSet<string> WithValue = ["--data", "--month", "--out", "--layout"];
    private static readonly HashSet<string> Switches = ["--help", "-h"];

    public string Name => "report";

    public string Description => "Laporan bulanan (Excel): simpus report --data DIR --month YYYY-MM --out FILE.xlsx [--layout sikda]";

    /// <summary>The clock used for "generated at" and to refuse future months; tests may replace it.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public int Run(IReadOnlyList<string> args, CliConsole console)
    {
        if (CliOptions.Start(args, WithValue, Switches, this, console, out var errors) is not { } options)
        {
            return ExitCodes.Ok;
        }
        var dataDir = options["--data"];
        var monthText = options["--month"];
        var outPath = options["--out"];
        if (string.IsNullOrWhiteSpace(dataDir))
        {
            errors.Add("--data DIR wajib diisi: folder data SIMPUS yang berisi simpus.db.");
        }
        if (string.IsNullOrWhiteSpace(outPath))
        {
            errors.Add("--out FILE.xlsx wajib diisi.");
        }
        else if (!outPath.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("--out harus berakhiran .xlsx.");
        }
        var layout = ReportLayout.Standard;
        switch (options["--layout"]?.ToLowerInvariant())
        {
            case null when !options.Has("--layout"):
            case "standar" or "standard":
                break;
            case "sikda":
                layout = ReportLayout.Sikda;
                break;
            default:
                errors.Add("--layout harus 'standar' atau 'sikda'.");
                break;
        }
        int year = 0, month = 0;
        if (string.IsNullOrWhiteSpace(monthText))
        {
            errors.Add("--month YYYY-MM wajib diisi, contoh 2026-10.");
        }
        else if (!DateTime.TryParseExact(monthText, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) || parsed.Year < 2000)
        {
            errors.Add($"--month '{monthText}' harus berformat YYYY-MM, contoh 2026-10.");
        }
        else
        {
            (year, month) = (parsed.Year, parsed.Month);
        }
        if (errors.Count > 0)
        {
            errors.ForEach(console.Error.WriteLine);
            console.Error.WriteLine("Pemakaian: " + Description);
            return ExitCodes.Usage;
        }

        if (ClinicDataFile.Locate(dataDir!, outPath!, console, out var dbPath, out var outFull) is { } missing)
        {
            return missing;
        }

        var watch = Stopwatch.StartNew();
        return ClinicDataFile.Run(dbPath, console, db =>
        {
            console.Out.WriteLine($"Membuka {db.FilePath}");
            var applied = Migrator.ForClinic(db).MigrateUp();
            if (applied > 0)
            {
                console.Out.WriteLine($"  {applied} migrasi basis data diterapkan");
            }
            var settings = new SettingsStore(db);
            var puskesmas = settings.Get();
            var today = TimeZones.LocalDate(Clock.GetUtcNow(), puskesmas.TimeZone);
            if (year * 12 + month > today.Year * 12 + today.Month)
            {
                console.Error.WriteLine($"--month {monthText} masih di masa depan.");
                return ExitCodes.Usage;
            }
            console.Out.WriteLine($"Menyusun laporan {puskesmas.Name} bulan {monthText}:");
            var report = ClinicDataFile.ReportBuilder(db, settings, Clock).Build(year, month, part => console.Out.WriteLine($"  - {part}"));
            console.Out.WriteLine("  - menulis buku kerja");
            try
            {
                MonthlyWorkbookWriter.Save(report, outFull, layout);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine($"Tidak dapat menulis {outFull}: {e.Message}");
                return ExitCodes.CannotWrite;
            }
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Selesai: {outFull} ({report.Visits.Total} kunjungan, {report.Lb1.Rows.Count} kode ICD-10) dalam {watch.Elapsed.TotalSeconds:0.0} detik."));
            return ExitCodes.Ok;
        });
    }
}
