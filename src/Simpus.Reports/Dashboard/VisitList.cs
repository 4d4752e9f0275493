using Dapper;
using Simpus.Core.Data;

namespace Simpus.Reports.Dashboard;

/// <summary>
/// Which visits a dashboard figure stands for: a period and optional filters (null = any). <see cref="Case"/> narrows
/// <see cref="Code"/> to new (<c>baru</c>) or old (<c>lama</c>, with KKL) cases; <see cref="Desa"/> is a PWS desa key;
/// <see cref="Kia"/> a kind of KIA record (<c>anc</c>, <c>persalinan</c>, <c>nifas</c>, <c>neonatus</c>, <c>imunisasi</c>);
/// <see cref="OverMinutes"/> keeps visits that waited longer; <see cref="Examined"/> those examined (or not).
/// </summary>
public sealed record VisitListFilter(DateOnly From, DateOnly To)
{
    public string? Poli { get; init; }
    public string? Payer { get; init; }
    /// <summary>Only visits paid by a scheme for the poor (payers marked poor).</summary>
    public bool Poor { get; init; }
    public string? Type { get; init; }
    public string? Code { get; init; }
    public string? Case { get; init; }
    public string? Desa { get; init; }
    public string? Kia { get; init; }
    public int? OverMinutes { get; init; }
    public bool? Examined { get; init; }
    public int Limit { get; init; } = 200;
    public int Offset { get; init; }

    public static readonly IReadOnlyList<string> KiaKinds = ["anc", "persalinan", "nifas", "neonatus", "imunisasi"];
}

public sealed record VisitListRow(long Id, string VisitDate, DateTimeOffset ArrivedAt, string Poli, string Payer, string Status, int QueueNumber,
    string Rm, string Name, string Sex, string BirthDate, string VisitType, decimal? WaitMinutes, string? Diagnoses);

public sealed record VisitListPage(int Total, IReadOnlyList<VisitListRow> Rows);

public static class VisitListQuery
{
    private sealed class Row
    {
        public long Id { get; init; }
        public string VisitDate { get; init; } = "";
        public DateTimeOffset ArrivedAt { get; init; }
        public string Poli { get; init; } = "";
        public string Payer { get; init; } = "";
        public string Status { get; init; } = "";
        public int QueueNumber { get; init; }
        public string Rm { get; init; } = "";
        public string Name { get; init; } = "";
        public string Sex { get; init; } = "";
        public string BirthDate { get; init; } = "";
        public string VisitType { get; init; } = "";
        public long? WaitSeconds { get; init; }
        public string? Diagnoses { get; init; }
        public int Total { get; init; }
    }

    public static VisitListPage Run(Database db, VisitListFilter filter, string? kecamatan)
    {
        using var c = ReportConnection.Open(db);
        var rows = c.Query<Row>(EmbeddedSql.Get(typeof(VisitListQuery).Assembly, "visit_list.sql"), new
        {
            From = Period.Text(filter.From),
            To = Period.Text(filter.To),
            filter.Poli,
            filter.Payer,
            Poor = filter.Poor ? 1 : (int?)null,
            filter.Type,
            filter.Code,
            filter.Case,
            filter.Desa,
            Kecamatan = kecamatan ?? "",
            filter.Kia,
            OverSeconds = filter.OverMinutes * 60L,
            Examined = filter.Examined is { } e ? (e ? 1 : 0) : (int?)null,
            filter.Limit,
            filter.Offset,
        }).ToList();
        var total = rows.Count > 0 ? rows[0].Total : 0;
        return new VisitListPage(total, rows.Select(r => new VisitListRow(r.Id, r.VisitDate, r.ArrivedAt, r.Poli, r.Payer, r.Status, r.QueueNumber,
            r.Rm, r.Name, r.Sex, r.BirthDate, r.VisitType, r.WaitSeconds is { } s ? Math.Round(Math.Max(0, s) / 60m, 1) : null, r.Diagnoses)).ToList());
    }

}
