using Dapper;
using Simpus.Core.Data;

namespace Simpus.Reports.Ringkasan;

/// <summary>The key figures of one period (same definitions as the detail sheets).</summary>
public sealed class SummaryFigures
{
    public int Visits { get; init; }
    public int NewVisits { get; init; }
    public int OldVisits => Visits - NewVisits;
    public int Patients { get; init; }
    public int NewCases { get; init; }
    public int OldCases { get; init; }
    public int Referrals { get; init; }
    public int Emergencies { get; init; }
    public int PoorVisits { get; init; }
    public int K1 { get; init; }
    public int Deliveries { get; init; }
}

public sealed record SummaryLine(string Label, int Current, int Previous, int LastYear);

/// <summary>The month's key figures beside the previous month and the same month last year.</summary>
public sealed record SummaryReport(SummaryFigures Current, SummaryFigures Previous, SummaryFigures LastYear)
{
    public IReadOnlyList<SummaryLine> Lines =>
    [
        Line("Jumlah kunjungan", f => f.Visits),
        Line("  Kunjungan baru", f => f.NewVisits),
        Line("  Kunjungan lama", f => f.OldVisits),
        Line("Jumlah pasien (orang)", f => f.Patients),
        Line("Kasus penyakit baru", f => f.NewCases),
        Line("Kasus penyakit lama (termasuk KKL)", f => f.OldCases),
        Line("Rujukan keluar", f => f.Referrals),
        Line("Kunjungan UGD", f => f.Emergencies),
        Line("Kunjungan penduduk miskin (BPJS PBI + Jamkesda/SKTM)", f => f.PoorVisits),
        Line("K1 akses ibu hamil", f => f.K1),
        Line("Persalinan oleh tenaga kesehatan (Pn)", f => f.Deliveries),
    ];

    private SummaryLine Line(string label, Func<SummaryFigures, int> value) => new(label, value(Current), value(Previous), value(LastYear));
}

public static class SummaryQuery
{
    /// <summary>The figures of the report's own month, taken from the detail sections so that the sheets agree.</summary>
    public static SummaryFigures From(Kunjungan.VisitReport visits, Lb1.Lb1Report lb1, Jaminan.PayerReport payers, Kia.KiaReport kia) => new()
    {
        Visits = visits.Total,
        NewVisits = visits.NewVisits.Total,
        Patients = payers.DistinctPatients,
        NewCases = lb1.Totals.NewTotal,
        OldCases = lb1.Totals.OldTotal,
        Referrals = visits.Referrals,
        Emergencies = visits.Emergencies,
        PoorVisits = payers.PoorVisits,
        K1 = kia[Kia.KiaIndicators.K1].Month ?? 0,
        Deliveries = kia[Kia.KiaIndicators.Pn].Month ?? 0,
    };

    public static SummaryFigures Run(Database db, int year, int month, Simpus.Core.Kia.TrimesterBoundaries trimesters)
    {
        var from = new DateOnly(year, month, 1);
        var to = from.AddMonths(1).AddDays(-1);
        var assembly = typeof(SummaryQuery).Assembly;
        using var c = ReportConnection.Open(db);
        var f = c.QuerySingle<SummaryFigures>(EmbeddedSql.Get(assembly, "summary.sql"), Period.Args(from, to));
        var k1 = Kia.KiaQuery.Antenatal(c, from, to, trimesters).K1Akses;
        var pn = Kia.KiaQuery.Deliveries(c, from, to).Pn;
        return new SummaryFigures
        {
            Visits = f.Visits, NewVisits = f.NewVisits, Patients = f.Patients, NewCases = f.NewCases, OldCases = f.OldCases,
            Referrals = f.Referrals, Emergencies = f.Emergencies, PoorVisits = f.PoorVisits, K1 = k1, Deliveries = pn,
        };
    }
}
