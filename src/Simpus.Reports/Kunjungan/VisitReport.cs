using Dapper;
using Simpus.Core.Ages;
using Simpus.Core.Data;
using Simpus.Core.Settings;

namespace Simpus.Reports.Kunjungan;

/// <summary>A row of visits split into baru and lama (by poli or by payer).</summary>
public sealed class VisitRow(string code, string name)
{
    public string Code { get; } = code;

    public string Name { get; } = name;

    public int New { get; internal set; }

    public int Old { get; internal set; }

    public int Total => New + Old;
}

/// <summary>LB4 visits: baru/lama by sex, by poli, by payer, by age band and sex; referrals out; UGD.</summary>
public sealed record VisitReport(
    SexCount NewVisits,
    SexCount OldVisits,
    IReadOnlyList<VisitRow> ByPoli,
    IReadOnlyList<VisitRow> ByPayer,
    IReadOnlyList<SexCount> ByAge,
    int Referrals,
    int Emergencies)
{
    public int Total => NewVisits.Total + OldVisits.Total;

    public int ByType(string type, string sex) => (type == VisitTypes.New ? NewVisits : OldVisits).Of(sex);
}

public static class VisitQuery
{
    private sealed class Group
    {
        public string Sex { get; init; } = "";
        public string BirthDate { get; init; } = "";
        public string VisitDate { get; init; } = "";
        public string Poli { get; init; } = "";
        public string Payer { get; init; } = "";
        public string VisitType { get; init; } = "";
        public int N { get; init; }
    }

    public static VisitReport Run(Database db, DateOnly from, DateOnly to, IReadOnlyList<Poli> poli, IReadOnlyList<Payer> payers)
    {
        var newVisits = new SexCount();
        var oldVisits = new SexCount();
        var byPoli = poli.Where(p => p.Active).ToDictionary(p => p.Code, p => new VisitRow(p.Code, p.Name), StringComparer.Ordinal);
        var poliNames = poli.ToDictionary(p => p.Code, p => p.Name, StringComparer.Ordinal);
        var byPayer = payers.ToDictionary(p => p.Code, p => new VisitRow(p.Code, p.Name), StringComparer.Ordinal);
        var byAge = AgeBands.Lb1.Select(_ => new SexCount()).ToArray();
        var bands = new BandCache();
        var assembly = typeof(VisitQuery).Assembly;
        using var c = ReportConnection.Open(db);
        foreach (var g in c.Query<Group>(EmbeddedSql.Get(assembly, "visits.sql"), Period.Args(from, to), buffered: false))
        {
            var isNew = g.VisitType == VisitTypes.New;
            (isNew ? newVisits : oldVisits).Add(g.Sex, g.N);
            if (!byPoli.TryGetValue(g.Poli, out var poliRow))
            {
                byPoli[g.Poli] = poliRow = new VisitRow(g.Poli, poliNames.GetValueOrDefault(g.Poli, g.Poli));
            }
            if (!byPayer.TryGetValue(g.Payer, out var payerRow))
            {
                byPayer[g.Payer] = payerRow = new VisitRow(g.Payer, g.Payer);
            }
            foreach (var row in new[] { poliRow, payerRow })
            {
                if (isNew)
                {
                    row.New += g.N;
                }
                else
                {
                    row.Old += g.N;
                }
            }
            byAge[bands.Index(g.BirthDate, g.VisitDate)].Add(g.Sex, g.N);
        }
        var referrals = c.ExecuteScalar<int>(EmbeddedSql.Get(assembly, "referrals.sql"), Period.Args(from, to));
        var poliOrder = poli.Select((p, i) => (p.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
        var payerOrder = payers.Select((p, i) => (p.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
        return new VisitReport(
            newVisits,
            oldVisits,
            byPoli.Values.OrderBy(r => poliOrder.GetValueOrDefault(r.Code, int.MaxValue)).ThenBy(r => r.Code, StringComparer.Ordinal).ToList(),
            byPayer.Values.OrderBy(r => payerOrder.GetValueOrDefault(r.Code, int.MaxValue)).ThenBy(r => r.Code, StringComparer.Ordinal).ToList(),
            byAge,
            referrals,
            byPoli.TryGetValue(EmergencyPoli, out var ugd) ? ugd.Total : 0);
    }

    /// <summary>The poli code whose visits are the emergencies (UGD).</summary>
    public const string EmergencyPoli = "ugd";
}
