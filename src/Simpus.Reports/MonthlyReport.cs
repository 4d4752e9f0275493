using Simpus.Core.Ages;
using Simpus.Core.Attendance;
using Simpus.Reports.Farmasi;
using Simpus.Reports.Jaminan;
using Simpus.Reports.Kia;
using Simpus.Reports.Kunjungan;
using Simpus.Reports.Lb1;
using Simpus.Reports.Ringkasan;
using Simpus.Reports.WaktuTunggu;
using Simpus.Reports.Workbook;

namespace Simpus.Reports;

/// <summary>Who the report is about: the puskesmas and the month.</summary>
public sealed record ReportHeader(string PuskesmasCode, string PuskesmasName, string RegionCode, string? RegionName, int Year, int Month,
    DateTimeOffset GeneratedAt, string TimeZone, string? HeadName, string? HeadNip)
{
    public DateOnly FirstDay => new(Year, Month, 1);

    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    /// <summary>The period as DHIS2 writes it: <c>yyyyMM</c>.</summary>
    public string Period => $"{Year:0000}{Month:00}";

    /// <summary>The paper the workbook is laid out for (setting <c>laporan.kertas</c>).</summary>
    public Paper Paper { get; init; } = Paper.A4;
}

/// <summary>
/// One puskesmas-month compiled into plain numbers (no Excel): what the workbook shows and what the district package sends.
/// </summary>
public sealed record MonthlyReport(
    ReportHeader Header,
    SummaryReport Summary,
    Lb1Report Lb1,
    VisitReport Visits,
    PayerReport Payers,
    KiaReport Kia,
    WaitingReport Waiting,
    AttendanceRecap? Attendance)
{
    /// <summary>The pharmacy's LPLPO and POR; null when the report was compiled without them.</summary>
    public PharmacyReport? Pharmacy { get; init; }

    /// <summary>
    /// The report flattened to additive counts (data element + disaggregation + value), so that the district can sum clinics.
    /// No medians, shares or rates: those are recomputed from the counts. The list is documented in the README.
    /// </summary>
    public IEnumerable<ReportValue> ToValues()
    {
        foreach (var row in Lb1.Rows)
        {
            for (var band = 0; band < AgeBands.Lb1.Count; band++)
            {
                foreach (var sex in Sexes.Both)
                {
                    var n = row.New(band, sex);
                    if (n != 0)
                    {
                        yield return Value("LB1.BARU", n, ("code", row.Code), ("sex", sex), ("ageBand", AgeBands.Lb1[band].Code));
                    }
                }
            }
            foreach (var sex in Sexes.Both)
            {
                var n = sex == Sexes.Male ? row.OldMale : row.OldFemale;
                if (n != 0)
                {
                    yield return Value("LB1.LAMA", n, ("code", row.Code), ("sex", sex));
                }
            }
        }

        foreach (var type in VisitTypes.Both)
        {
            foreach (var sex in Sexes.Both)
            {
                yield return Value("KUNJUNGAN", Visits.ByType(type, sex), ("type", type), ("sex", sex));
            }
        }
        foreach (var poli in Visits.ByPoli)
        {
            yield return Value("KUNJUNGAN.POLI", poli.Total, ("poli", poli.Code));
        }
        foreach (var payer in Visits.ByPayer)
        {
            yield return Value("KUNJUNGAN.PAYER", payer.Total, ("payer", payer.Code));
        }
        // Which payers are for the poor is the clinic's setting (payers.is_poor), so the package says how many visits that made.
        yield return Value("KUNJUNGAN.MISKIN", Payers.PoorVisits);
        for (var band = 0; band < AgeBands.Lb1.Count; band++)
        {
            foreach (var sex in Sexes.Both)
            {
                yield return Value("KUNJUNGAN.UMUR", Visits.ByAge[band].Of(sex), ("ageBand", AgeBands.Lb1[band].Code), ("sex", sex));
            }
        }
        yield return Value("RUJUKAN", Visits.Referrals);
        yield return Value("UGD", Visits.Emergencies);

        foreach (var payer in Payers.Rows)
        {
            yield return Value("JAMINAN.PASIEN", payer.Patients, ("payer", payer.Code));
        }

        foreach (var indicator in Kia.Indicators)
        {
            if (indicator.Month is { } month)
            {
                yield return Value("KIA." + indicator.Code, month);
            }
            if (indicator.YearlyTarget is { } target && indicator.Code != KiaIndicators.S)
            {
                yield return Value("KIA.SASARAN", target, ("indicator", indicator.Code));
            }
        }

        foreach (var poli in Waiting.Rows)
        {
            yield return Value("TUNGGU.KUNJUNGAN", poli.Examined, ("poli", poli.Code));
            yield return Value("TUNGGU.DALAM_TARGET", poli.WithinTarget, ("poli", poli.Code));
        }

        foreach (var unit in Attendance?.Units ?? [])
        {
            yield return Value("ABSENSI.PEGAWAI", unit.Employees, ("unit", unit.Unit));
            yield return Value("ABSENSI.HARI_KERJA", unit.WorkingDays, ("unit", unit.Unit));
            yield return Value("ABSENSI.HADIR", unit.Hadir, ("unit", unit.Unit));
            yield return Value("ABSENSI.SAKIT", unit.Sakit, ("unit", unit.Unit));
            yield return Value("ABSENSI.IZIN", unit.Izin, ("unit", unit.Unit));
            yield return Value("ABSENSI.CUTI", unit.Cuti, ("unit", unit.Unit));
            yield return Value("ABSENSI.DL", unit.DinasLuar, ("unit", unit.Unit));
            yield return Value("ABSENSI.TB", unit.TugasBelajar, ("unit", unit.Unit));
            yield return Value("ABSENSI.TK", unit.TanpaKeterangan, ("unit", unit.Unit));
            yield return Value("ABSENSI.TL", unit.Terlambat, ("unit", unit.Unit));
            yield return Value("ABSENSI.PSW", unit.PulangCepat, ("unit", unit.Unit));
            yield return Value("ABSENSI.MENIT_TL", unit.MinutesLate, ("unit", unit.Unit));
        }

        foreach (var value in Pharmacy?.ToValues() ?? [])
        {
            yield return value;
        }
    }

    private static ReportValue Value(string element, decimal value, params (string Key, string Value)[] parts) =>
        new(element, parts.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), value);
}

/// <summary>One additive count: a data element, its disaggregation (e.g. code, sex, ageBand) and the value.</summary>
public sealed record ReportValue(string DataElement, IReadOnlyDictionary<string, string> Disaggregation, decimal Value);

public static class Sexes
{
    public const string Male = "L";
    public const string Female = "P";
    public static readonly IReadOnlyList<string> Both = [Male, Female];
}

public static class VisitTypes
{
    public const string New = "baru";
    public const string Old = "lama";
    public static readonly IReadOnlyList<string> Both = [New, Old];
}

/// <summary>A count split by sex.</summary>
public sealed class SexCount
{
    public int Male { get; set; }

    public int Female { get; set; }

    public int Total => Male + Female;

    public int Of(string sex) => sex == Sexes.Male ? Male : Female;

    public void Add(string sex, int n)
    {
        if (sex == Sexes.Male)
        {
            Male += n;
        }
        else
        {
            Female += n;
        }
    }
}
