using Dapper;
using Simpus.Core.Data;
using Simpus.Reports.Settings;

namespace Simpus.Reports.Kia;

/// <summary>One cumulative KIA indicator in one desa: the month, the year to date, the desa's share of the sasaran and coverage.</summary>
public sealed record PwsValue(string Code, int Month, int YearToDate, decimal? YearlyTarget, decimal? Coverage);

/// <summary>
/// A desa of the PWS KIA (key = its region code; <see cref="PatientScope.OutsideKey"/> other kecamatan,
/// <see cref="PatientScope.UnknownKey"/> without a region code) with its registered population and indicators.
/// </summary>
public sealed record PwsDesa(string Key, string? Name, int Population, IReadOnlyList<PwsValue> Indicators)
{
    public bool InArea => Key is not (PatientScope.OutsideKey or PatientScope.UnknownKey);

    public PwsValue this[string code] => Indicators.Single(i => i.Code == code);
}

/// <summary>
/// The PWS KIA (pemantauan wilayah setempat) as puskesmas draw it: per desa, the cumulative coverage of each KIA indicator
/// since January against the month's target line (<see cref="TargetPercent"/> = 100 ÷ 12 × month).
/// </summary>
public sealed record PwsKiaReport(string? Kecamatan, string? KecamatanName, decimal TargetPercent, IReadOnlyList<PwsDesa> Desa);

/// <summary>
/// Splits the KIA report by desa: the same <see cref="KiaQuery"/> runs once per desa inside a <see cref="PatientScope"/>, so
/// every definition of the monthly report holds here too and the desa add up to the puskesmas. A desa's sasaran is the
/// puskesmas' yearly sasaran times the desa's share of the registered population of the kecamatan (patients of other
/// kecamatan or without a region code are counted but have no sasaran).
/// </summary>
public static class PwsKiaQuery
{
    private sealed class DesaRow
    {
        public string Desa { get; init; } = "";
        public int Population { get; init; }
        public int Patients { get; init; }
    }

    /// <param name="kecamatan">The puskesmas' kecamatan (settings), else the one most registered patients live in.</param>
    /// <param name="nameOf">The name of a desa code (the official region list), if known.</param>
    public static PwsKiaReport Run(Database db, int year, int month, ReportSettings settings, KiaReport whole, string? kecamatan = null,
        Func<string, string?>? nameOf = null)
    {
        var assembly = typeof(PwsKiaQuery).Assembly;
        kecamatan ??= Kecamatan(db, null);
        List<DesaRow> rows;
        using (var c = db.Open())
        {
            rows = c.Query<DesaRow>(EmbeddedSql.Get(assembly, "pws_desa.sql"), new { Kecamatan = kecamatan ?? "" }).ToList();
        }
        var areaPopulation = rows.Where(r => r.Desa is not (PatientScope.OutsideKey or PatientScope.UnknownKey)).Sum(r => r.Population);
        var cumulative = whole.Indicators.Where(i => i.YearToDate is not null).ToList();
        var desa = new List<PwsDesa>();
        foreach (var row in rows)
        {
            KiaReport part;
            using (PatientScope.Enter(PatientScope.Desa(kecamatan ?? "", row.Desa)))
            {
                part = KiaQuery.Run(db, year, month, settings);
            }
            var inArea = row.Desa is not (PatientScope.OutsideKey or PatientScope.UnknownKey);
            var values = cumulative.Select(w =>
            {
                var p = part.Indicators.SingleOrDefault(i => i.Code == w.Code);
                var ytd = p?.YearToDate ?? 0;
                decimal? target = inArea && w.YearlyTarget is { } t && areaPopulation > 0 ? Math.Round(t * row.Population / areaPopulation, 1) : null;
                decimal? coverage = target is > 0 ? Math.Round(100m * ytd / target.Value, 1) : null;
                return new PwsValue(w.Code, p?.Month ?? 0, ytd, target, coverage);
            }).ToList();
            desa.Add(new PwsDesa(row.Desa, inArea ? nameOf?.Invoke(row.Desa) : null, row.Population, values));
        }
        var ordered = desa.OrderBy(d => d.InArea ? 0 : 1).ThenBy(d => d.Key == PatientScope.OutsideKey ? 0 : 1).ThenBy(d => d.Key, StringComparer.Ordinal).ToList();
        return new PwsKiaReport(kecamatan, kecamatan is null ? null : nameOf?.Invoke(kecamatan), Math.Round(100m * month / 12, 1), ordered);
    }

    /// <summary>The kecamatan whose desa the PWS shows: the configured one, else the one most live patients with a desa code live in.</summary>
    public static string? Kecamatan(Database db, string? configured)
    {
        if (configured is { Length: > 0 })
        {
            return configured;
        }
        using var c = db.Open();
        return c.ExecuteScalar<string?>(EmbeddedSql.Get(typeof(PwsKiaQuery).Assembly, "pws_kecamatan.sql"));
    }
}
