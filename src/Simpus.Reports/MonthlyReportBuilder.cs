using Simpus.Core.Attendance;
using Simpus.Core.Common;
using Simpus.Core.Data;
using Simpus.Core.Pharmacy;
using Simpus.Core.Settings;
using Simpus.Reports.Farmasi;
using Simpus.Reports.Jaminan;
using Simpus.Reports.Kia;
using Simpus.Reports.Kunjungan;
using Simpus.Reports.Lb1;
using Simpus.Reports.Ringkasan;
using Simpus.Reports.Settings;
using Simpus.Reports.WaktuTunggu;

using Simpus.Reports.Workbook;

namespace Simpus.Reports;

/// <summary>
/// Compiles one puskesmas-month into a <see cref="MonthlyReport"/> straight from the clinic database. Read-only and
/// deterministic: the same data gives the same numbers, so a month can be regenerated after corrections.
/// </summary>
public sealed class MonthlyReportBuilder(Database db, SettingsStore settings, ReportSettingsStore reportSettings,
    Func<int, int, AttendanceRecap?> attendance, TimeProvider clock)
{
    public MonthlyReportBuilder(Database db, SettingsStore settings, ReportSettingsStore reportSettings, AttendanceRecapService attendance, TimeProvider clock)
        : this(db, settings, reportSettings, attendance.Build, clock)
    {
    }

    /// <summary>Compiles the month; <paramref name="progress"/> hears the name of each part as it starts.</summary>
    public MonthlyReport Build(int year, int month, Action<string>? progress = null)
    {
        progress ??= _ => { };
        var puskesmas = settings.Get();
        var options = reportSettings.Get();
        var header = new ReportHeader(puskesmas.Code, puskesmas.Name, puskesmas.RegionCode, RegionName(puskesmas.RegionCode) ?? options.KabKotaName, year, month,
            clock.GetUtcNow(), puskesmas.TimeZone, options.HeadName, options.HeadNip)
        {
            Paper = SheetPrint.Parse(options.Paper),
        };
        var from = header.FirstDay;
        var to = header.LastDay;
        var poli = settings.ListPoli(includeInactive: true);
        var payers = settings.ListPayers();

        progress("LB1");
        var lb1 = Lb1Query.Run(db, from, to) with { TopTenExcluded = CodeRanges.TryParse(options.TopTenExcluded, out var excluded) ? excluded : CodeRanges.None };
        progress("Kunjungan");
        var visits = VisitQuery.Run(db, from, to, poli, payers);
        progress("Jaminan");
        var payerReport = PayerQuery.Run(db, from, to, payers);
        progress("KIA");
        var kia = KiaQuery.Run(db, year, month, options);
        progress("Waktu Tunggu");
        var waiting = WaitingQuery.Run(db, from, to, poli, options.WaitingTargetMinutes);
        progress("Ringkasan");
        var previous = from.AddMonths(-1);
        var summary = new SummaryReport(
            SummaryQuery.From(visits, lb1, payerReport, kia),
            SummaryQuery.Run(db, previous.Year, previous.Month, options.Trimesters),
            SummaryQuery.Run(db, year - 1, month, options.Trimesters));
        progress("Absensi");
        var recap = attendance(year, month);
        progress("Farmasi");
        var pharmacySettings = new PharmacySettingsStore(settings).Get();
        var today = TimeZones.LocalDate(clock.GetUtcNow(), puskesmas.TimeZone);
        var pharmacy = new PharmacyReport(Lplpo.Build(db, pharmacySettings, year, month, today), Por.Build(db, pharmacySettings, year, month),
            pharmacySettings.PharmacistName, pharmacySettings.PharmacistNip);
        return new MonthlyReport(header, summary, lb1, visits, payerReport, kia, waiting, recap) { Pharmacy = pharmacy };
    }

    /// <summary>The kab/kota's name from the official region list (read only; null on a database without the list).</summary>
    private string? RegionName(string code)
    {
        try
        {
            using var c = db.Open();
            return Dapper.SqlMapper.ExecuteScalar<string?>(c, "SELECT name FROM regions WHERE code = @code", new { code });
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return null;
        }
    }
}
