using System.Text.Json.Serialization;
using Simpus.Core.Attendance;
using Simpus.Reports.Jaminan;
using Simpus.Reports.Kia;
using Simpus.Reports.Kunjungan;
using Simpus.Reports.Lb1;
using Simpus.Reports.WaktuTunggu;

namespace Simpus.Reports.Dashboard;

/// <summary>Staff punctuality of a month per unit and overall: % of present days that were neither late nor an early departure.</summary>
public sealed record Punctuality(int Employees, int PresentDays, int LateDays, int EarlyDays, decimal? Rate, IReadOnlyList<UnitPunctuality> Units);

public sealed record UnitPunctuality(string Unit, int Employees, int PresentDays, int LateDays, int EarlyDays, decimal? Rate);

/// <summary>
/// What the head's dashboard shows of one month, taken from the <see cref="MonthlyReport"/> the workbook renders (never counted
/// again), so the charts equal the workbook: visits by poli baru/lama, the ten diseases, payers and the share of the poor,
/// waiting times against the target, staff punctuality and the KIA indicators. Small enough to keep a year of months in memory.
/// </summary>
public sealed record DashboardMonth(
    int Year,
    int Month,
    DateTimeOffset GeneratedAt,
    int Visits,
    int NewVisits,
    int OldVisits,
    IReadOnlyList<VisitRow> ByPoli,
    int NewCases,
    IReadOnlyList<TopDisease> TopTen,
    [property: JsonIgnore] IReadOnlyDictionary<string, int> NewCasesByCode,
    PayerReport Payers,
    WaitingReport Waiting,
    Punctuality? Punctuality,
    [property: JsonIgnore] KiaReport KiaReport)
{
    public string Key => $"{Year:0000}-{Month:00}";

    /// <summary>The KIA sheet's indicators (K1 akses/murni, K4, K6 per pregnancy; Pn, PF, ...), as computed for the workbook.</summary>
    public IReadOnlyList<KiaIndicator> Kia => KiaReport.Indicators;

    /// <summary>Pregnancies in K1 akses this month without HPHT or gestational age ("data belum lengkap", as the KIA sheet notes).</summary>
    public int KiaUndated => KiaReport.UndatedK1;

    public static DashboardMonth From(MonthlyReport report) => new(
        report.Header.Year,
        report.Header.Month,
        report.Header.GeneratedAt,
        report.Visits.Total,
        report.Visits.NewVisits.Total,
        report.Visits.OldVisits.Total,
        report.Visits.ByPoli,
        report.Lb1.Totals.NewTotal,
        report.Lb1.TopTen(),
        report.Lb1.Rows.Where(r => r.NewTotal > 0).ToDictionary(r => r.Code, r => r.NewTotal, StringComparer.Ordinal),
        report.Payers,
        report.Waiting,
        PunctualityOf(report.Attendance),
        report.Kia);

    /// <summary>The attendance recap's units, and overall the rate over every present day (as the workbook's total row).</summary>
    public static Punctuality? PunctualityOf(AttendanceRecap? recap)
    {
        if (recap is null)
        {
            return null;
        }
        var units = recap.Units.Select(u => new UnitPunctuality(u.Unit, u.Employees, u.Hadir, u.Terlambat, u.PulangCepat,
            u.Hadir == 0 ? null : Math.Round((decimal)u.PunctualityRate, 1))).ToList();
        var present = recap.Units.Sum(u => u.Hadir);
        var onTime = recap.Units.Sum(u => u.Hadir * u.PunctualityRate / 100.0);
        return new Punctuality(recap.Units.Sum(u => u.Employees), present, recap.Units.Sum(u => u.Terlambat), recap.Units.Sum(u => u.PulangCepat),
            present == 0 ? null : Math.Round((decimal)(onTime * 100.0 / present), 1), units);
    }
}
