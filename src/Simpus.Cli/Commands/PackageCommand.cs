using System.Globalization;
using Microsoft.Data.Sqlite;
using Simpus.Core.Attendance;
using Simpus.Core.Common;
using Simpus.Core.Data;
using Simpus.Core.Settings;
using Simpus.Exchange;
using Simpus.Exchange.Outbox;
using Simpus.Reports;
using Simpus.Reports.Settings;

namespace Simpus.Cli.Commands;

/// <summary>
/// <c>simpus package --data DIR --month YYYY-MM --key KEY --out FILE</c>: the signed monthly data package for the Dinas Kesehatan,
/// straight from the clinic database file (same revision numbering as the clinic's "Unduh paket").
/// </summary>
public sealed class PackageCommand : ICommand
{
    private static readonly HashSet<string> WithValue = ["--data", "--month", "--key", "--out"];
    private static readonly HashSet<string> Switches = ["--help", "-h"];

    public string Name => "package";

    public string Description => "Paket data bulanan untuk Dinkes (JSON bertanda tangan): simpus package --data DIR --month YYYY-MM --key KEY --out FILE";

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public int Run(IReadOnlyList<string> args, CliConsole console)
    {
        if (CliOptions.Start(args, WithValue, Switches, this, console, out var errors) is not { } options)
        {
            return ExitCodes.Ok;
        }
        var dataDir = options["--data"];
        var outPath = options["--out"];
        var key = options["--key"]?.Trim().ToLowerInvariant();
        if (string.IsNullOrWhiteSpace(dataDir))
        {
            errors.Add("--data DIR wajib diisi: folder data SIMPUS yang berisi simpus.db.");
        }
        if (string.IsNullOrWhiteSpace(outPath))
        {
            errors.Add("--out FILE wajib diisi, contoh paket-2026-10.json.");
        }
        if (!PackageCodec.IsValidKey(key))
        {
            errors.Add("--key wajib diisi: 64 karakter heksadesimal, kunci yang diberikan Dinas Kesehatan.");
        }
        if (!MonthPeriod.TryParse(options["--month"], out var period))
        {
            errors.Add("--month YYYY-MM wajib diisi, contoh 2026-10.");
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
        return ClinicDataFile.Run(dbPath, console, db =>
        {
            Migrator.ForClinic(db).MigrateUp();
            var settings = new SettingsStore(db);
            var puskesmas = settings.Get();
            var today = TimeZones.LocalDate(Clock.GetUtcNow(), puskesmas.TimeZone);
            if (period > MonthPeriod.Of(today))
            {
                console.Error.WriteLine($"--month {period} masih di masa depan.");
                return ExitCodes.Usage;
            }
            console.Out.WriteLine($"Menyusun paket {puskesmas.Name} ({puskesmas.Code}) bulan {period} ...");
            var report = ClinicDataFile.ReportBuilder(db, settings, Clock).Build(period.Year, period.Month);
            var values = report.ToValues().Select(v => new PackageValue(v.DataElement, v.Disaggregation, v.Value)).ToList();
            var drugs = report.Pharmacy?.Lplpo.Rows.Where(r => r.HasData).Select(r => new PackageDrug(r.Code, r.Name, r.Unit, r.FornasClass)).ToList();
            var (issued, file) = new PackageOutbox(db, Clock).Issue(period, puskesmas.Code, puskesmas.Name, values, key!, "cli", drugs);
            try
            {
                File.WriteAllBytes(outFull, file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine($"Tidak dapat menulis {outFull}: {e.Message}");
                return ExitCodes.CannotWrite;
            }
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Selesai: {outFull} (revisi {issued.Revision}, {values.Count} nilai). Kirim berkas ini ke Dinas Kesehatan (unggah di halaman Unggah paket)."));
            return ExitCodes.Ok;
        });
    }
}
