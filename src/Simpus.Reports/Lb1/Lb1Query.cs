using Dapper;
using Simpus.Core.Ages;
using Simpus.Core.Data;

namespace Simpus.Reports.Lb1;

/// <summary>Compiles the LB1 from the live diagnoses of the month; age at the visit date, calendar-exact.</summary>
public static class Lb1Query
{
    private sealed class Group
    {
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public string Sex { get; init; } = "";
        public string BirthDate { get; init; } = "";
        public string VisitDate { get; init; } = "";
        public string CaseType { get; init; } = "";
        public int N { get; init; }
    }

    public static Lb1Report Run(Database db, DateOnly from, DateOnly to)
    {
        using var c = ReportConnection.Open(db);
        var rows = new SortedDictionary<string, Lb1Row>(StringComparer.Ordinal);
        var bands = new BandCache();
        foreach (var g in c.Query<Group>(EmbeddedSql.Get(typeof(Lb1Query).Assembly, "lb1_diagnoses.sql"), Period.Args(from, to), buffered: false))
        {
            if (!rows.TryGetValue(g.Code, out var row))
            {
                rows[g.Code] = row = new Lb1Row(g.Code, g.Name);
            }
            row.Add(g.CaseType == "baru", bands.Index(g.BirthDate, g.VisitDate), g.Sex, g.N);
        }
        var totals = new Lb1Row("", "Jumlah");
        foreach (var row in rows.Values)
        {
            totals.AddAll(row);
        }
        return new Lb1Report(rows.Values.ToList(), totals);
    }
}
