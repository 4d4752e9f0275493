using Dapper;
using Simpus.Core.Data;
using Simpus.Core.Settings;

namespace Simpus.Reports.Jaminan;

public sealed record PayerRow(string Code, string Name, bool IsPoor, int Visits, int Patients);

/// <summary>
/// Visits and distinct patients by payer. A patient who came under two payers in the month is counted under both,
/// so the sum of the rows can exceed <see cref="DistinctPatients"/>; the share of the poor uses the rows.
/// </summary>
public sealed record PayerReport(IReadOnlyList<PayerRow> Rows, int DistinctPatients)
{
    public int Visits => Rows.Sum(r => r.Visits);

    public int Patients => Rows.Sum(r => r.Patients);

    public int PoorVisits => Rows.Where(r => r.IsPoor).Sum(r => r.Visits);

    public int PoorPatients => Rows.Where(r => r.IsPoor).Sum(r => r.Patients);

    /// <summary>Share (%) of visits paid by a scheme for the poor (BPJS PBI, Jamkesda/SKTM); null without visits.</summary>
    public decimal? PoorVisitShare => Visits == 0 ? null : Math.Round(100m * PoorVisits / Visits, 1);

    public decimal? PoorPatientShare => Patients == 0 ? null : Math.Round(100m * PoorPatients / Patients, 1);
}

public static class PayerQuery
{
    private sealed class Row
    {
        public string Payer { get; init; } = "";
        public int Visits { get; init; }
        public int Patients { get; init; }
    }

    public static PayerReport Run(Database db, DateOnly from, DateOnly to, IReadOnlyList<Payer> payers)
    {
        var assembly = typeof(PayerQuery).Assembly;
        using var c = ReportConnection.Open(db);
        var counts = c.Query<Row>(EmbeddedSql.Get(assembly, "payers.sql"), Period.Args(from, to)).ToDictionary(r => r.Payer, StringComparer.Ordinal);
        var rows = payers.Select(p => counts.TryGetValue(p.Code, out var r)
                ? new PayerRow(p.Code, p.Name, p.IsPoor, r.Visits, r.Patients)
                : new PayerRow(p.Code, p.Name, p.IsPoor, 0, 0))
            .Concat(counts.Values.Where(r => payers.All(p => p.Code != r.Payer)).Select(r => new PayerRow(r.Payer, r.Payer, false, r.Visits, r.Patients)))
            .ToList();
        var distinct = c.ExecuteScalar<int>(EmbeddedSql.Get(assembly, "distinct_patients.sql"), Period.Args(from, to));
        return new PayerReport(rows, distinct);
    }
}
