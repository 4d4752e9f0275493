using Simpus.District.Quality;

namespace Simpus.District.Workbook;

/// <summary>A performance indicator (Penilaian Kinerja Puskesmas) computed from a clinic's counts as a percentage.</summary>
public sealed record KinerjaIndicator(string Code, string Name, Func<ValueSet, int, decimal?> Percent);

public sealed record KinerjaRow(int Rank, string Code, string Name, decimal? Score, IReadOnlyDictionary<string, decimal?> Indicators);

/// <summary>
/// Ranks puskesmas on the indicators the packages allow: KIA coverage against the PWS target (yearly sasaran ÷ 12 × months),
/// D/S (mean over the months), share of visits within the waiting-time target, staff attendance and reporting on time. The score is the mean of the
/// available indicators, each capped at 100 %.
/// </summary>
public static class Kinerja
{
    /// <summary>The order of the KIA indicators in the ranking (as the clinic's KIA sheet lists them); unknown codes follow.</summary>
    private static readonly List<string> KiaOrder = ["K1", "K1_MURNI", "K4", "K6", "PN", "PF", "KF_LENGKAP", "KN1", "KN_LENGKAP", "IDL"];

    public static IReadOnlyList<KinerjaIndicator> Indicators(IEnumerable<ValueSet> sets)
    {
        var kia = sets.SelectMany(s => s.By("KIA.SASARAN", "indicator").Keys).Distinct()
            .OrderBy(code => KiaOrder.IndexOf(code) is var i && i < 0 ? int.MaxValue : i).ThenBy(code => code, StringComparer.Ordinal).ToList();
        var list = new List<KinerjaIndicator>();
        foreach (var code in kia)
        {
            list.Add(new KinerjaIndicator("KIA." + code, $"Cakupan {Labels.KiaIndicator(code)} (% target PWS)", (v, months) =>
            {
                var target = v.Where("KIA.SASARAN", "indicator", code);
                return target is > 0 && v.Has("KIA." + code) ? Math.Round(100m * v.Total("KIA." + code) / (target.Value / 12m * months), 1) : null;
            }));
        }
        list.Add(new KinerjaIndicator("KIA.D/S", "Balita ditimbang D/S (%)", (v, months) =>
            v.Total("KIA.S") > 0 ? Math.Round(100m * v.Total("KIA.D") / months / v.Total("KIA.S"), 1) : null));
        list.Add(new KinerjaIndicator("TUNGGU", "Kunjungan dalam target waktu tunggu (%)", (v, _) =>
            v.Total("TUNGGU.KUNJUNGAN") > 0 ? Math.Round(100m * v.Total("TUNGGU.DALAM_TARGET") / v.Total("TUNGGU.KUNJUNGAN"), 1) : null));
        list.Add(new KinerjaIndicator("ABSENSI", "Kehadiran pegawai (%)", (v, _) =>
        {
            var days = new[] { "HADIR", "SAKIT", "IZIN", "CUTI", "DL", "TB", "TK" }.Sum(c => v.Total("ABSENSI." + c));
            return days > 0 ? Math.Round(100m * v.Total("ABSENSI.HADIR") / days, 1) : null;
        }));
        return list;
    }

    /// <summary>Ranks the clinics; <paramref name="onTime"/> gives each clinic's share of months reported on time (0–100), added as an indicator.</summary>
    public static IReadOnlyList<KinerjaRow> Rank(IReadOnlyList<(string Code, string Name)> puskesmas, IReadOnlyDictionary<string, ValueSet> sets,
        IReadOnlyList<KinerjaIndicator> indicators, int months, IReadOnlyDictionary<string, decimal> onTime)
    {
        var rows = new List<(string Code, string Name, decimal? Score, Dictionary<string, decimal?> Values)>();
        foreach (var (code, name) in puskesmas)
        {
            var values = new Dictionary<string, decimal?>(StringComparer.Ordinal);
            if (sets.TryGetValue(code, out var set))
            {
                foreach (var indicator in indicators)
                {
                    values[indicator.Code] = indicator.Percent(set, months);
                }
            }
            values["TEPAT_WAKTU"] = onTime.TryGetValue(code, out var t) ? t : 0;
            var available = values.Values.Where(v => v is not null).Select(v => Math.Min(100m, v!.Value)).ToList();
            decimal? score = sets.ContainsKey(code) && available.Count > 0 ? Math.Round(available.Average(), 1) : null;
            rows.Add((code, name, score, values));
        }
        var ordered = rows.OrderByDescending(r => r.Score ?? -1).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
        return ordered.Select((r, i) => new KinerjaRow(r.Score is null ? 0 : i + 1, r.Code, r.Name, r.Score, r.Values)).ToList();
    }
}
