using Simpus.Exchange;

namespace Simpus.District.Quality;

/// <summary>One puskesmas' values for one period (or summed over several), by data element and disaggregation key.</summary>
public sealed class ValueSet
{
    private readonly Dictionary<string, Dictionary<string, decimal>> _byElement = new(StringComparer.Ordinal);

    public void Add(string dataElement, string disaggregation, decimal value)
    {
        if (!_byElement.TryGetValue(dataElement, out var map))
        {
            _byElement[dataElement] = map = new Dictionary<string, decimal>(StringComparer.Ordinal);
        }
        map[disaggregation] = map.GetValueOrDefault(disaggregation) + value;
    }

    /// <summary>Replaces (not adds): for values that are not summed over months, e.g. yearly targets.</summary>
    public void Set(string dataElement, string disaggregation, decimal value)
    {
        if (!_byElement.TryGetValue(dataElement, out var map))
        {
            _byElement[dataElement] = map = new Dictionary<string, decimal>(StringComparer.Ordinal);
        }
        map[disaggregation] = value;
    }

    public bool Has(string dataElement) => _byElement.ContainsKey(dataElement);

    public IEnumerable<string> Elements => _byElement.Keys;

    /// <summary>Sum over every disaggregation of the element (0 when absent).</summary>
    public decimal Total(string dataElement) => _byElement.TryGetValue(dataElement, out var map) ? map.Values.Sum() : 0;

    /// <summary>Sum over the disaggregations whose dimension <paramref name="dimension"/> equals <paramref name="value"/>.</summary>
    public decimal? Where(string dataElement, string dimension, string value)
    {
        if (!_byElement.TryGetValue(dataElement, out var map))
        {
            return null;
        }
        decimal? sum = null;
        foreach (var (key, v) in map)
        {
            if (PackageValue.ParseKey(key).TryGetValue(dimension, out var x) && x == value)
            {
                sum = (sum ?? 0) + v;
            }
        }
        return sum;
    }

    /// <summary>Totals of the element grouped by one dimension, e.g. per poli.</summary>
    public IReadOnlyDictionary<string, decimal> By(string dataElement, string dimension)
    {
        var result = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        if (_byElement.TryGetValue(dataElement, out var map))
        {
            foreach (var (key, v) in map)
            {
                if (PackageValue.ParseKey(key).TryGetValue(dimension, out var x))
                {
                    result[x] = result.GetValueOrDefault(x) + v;
                }
            }
        }
        return result;
    }

    public IReadOnlyDictionary<string, decimal> Values(string dataElement) =>
        _byElement.TryGetValue(dataElement, out var map) ? map : new Dictionary<string, decimal>();
}

public sealed record RuleViolation(string PuskesmasCode, string Rule, string Message, decimal Left, decimal Right);

/// <summary>A validation rule: "left ≤ right" over one puskesmas' values; yields each violation.</summary>
public sealed record ValidationRule(string Code, string Description, Func<ValueSet, IEnumerable<(string Detail, decimal Left, decimal Right)>> Check);

/// <summary>The default validation rules (DOMAIN.md: "new cases ≤ visits; KIA counts ≤ their sasaran").</summary>
public static class ValidationRules
{
    public static readonly IReadOnlyList<ValidationRule> Default =
    [
        new("lb1.baru-le-kunjungan", "Kasus baru LB1 ≤ jumlah kunjungan",
            v => LessOrEqual(v.Has("LB1.BARU") && v.Has("KUNJUNGAN"), "Kasus baru LB1", v.Total("LB1.BARU"), "kunjungan", v.Total("KUNJUNGAN"))),
        new("rujukan-le-kunjungan", "Rujukan ≤ jumlah kunjungan",
            v => LessOrEqual(v.Has("RUJUKAN") && v.Has("KUNJUNGAN"), "Rujukan", v.Total("RUJUKAN"), "kunjungan", v.Total("KUNJUNGAN"))),
        new("miskin-le-kunjungan", "Kunjungan penduduk miskin ≤ jumlah kunjungan",
            v => LessOrEqual(v.Has("KUNJUNGAN.MISKIN") && v.Has("KUNJUNGAN"), "Kunjungan penduduk miskin", v.Total("KUNJUNGAN.MISKIN"), "kunjungan", v.Total("KUNJUNGAN"))),
        new("ugd-le-kunjungan", "Kunjungan UGD ≤ jumlah kunjungan",
            v => LessOrEqual(v.Has("UGD") && v.Has("KUNJUNGAN"), "Kunjungan UGD", v.Total("UGD"), "kunjungan", v.Total("KUNJUNGAN"))),
        new("kia-le-sasaran", "Capaian KIA bulan ini ≤ sasaran setahun", KiaWithinTarget),
        new("kia.k1murni-le-k1", "K1 murni ≤ K1 akses (kontak pertama pada trimester 1 adalah bagian dari semua kontak pertama)",
            v => LessOrEqual(v.Has("KIA.K1_MURNI") && v.Has("KIA.K1"), "K1 murni", v.Total("KIA.K1_MURNI"), "K1 akses", v.Total("KIA.K1"))),
        new("kia.d-le-s", "Balita ditimbang (D) ≤ balita yang ada (S)",
            v => LessOrEqual(v.Has("KIA.D") && v.Has("KIA.S"), "Balita ditimbang (D)", v.Total("KIA.D"), "balita yang ada (S)", v.Total("KIA.S"))),
        new("tunggu.target-le-kunjungan", "Kunjungan dalam target waktu tunggu ≤ kunjungan diperiksa, per poli", WaitingWithinExamined),
        new("por.diberi-le-kasus", "POR: kasus yang mendapat antibiotik/injeksi ≤ jumlah kasus, per kelompok", PorGivenWithinCases),
    ];

    public static IEnumerable<RuleViolation> Check(string puskesmas, ValueSet values, IEnumerable<ValidationRule>? rules = null)
    {
        foreach (var rule in rules ?? Default)
        {
            foreach (var (detail, left, right) in rule.Check(values))
            {
                yield return new RuleViolation(puskesmas, rule.Code, detail, left, right);
            }
        }
    }

    private static IEnumerable<(string, decimal, decimal)> LessOrEqual(bool applies, string leftName, decimal left, string rightName, decimal right)
    {
        if (applies && left > right)
        {
            yield return ($"{leftName} ({Format(left)}) melebihi {rightName} ({Format(right)}).", left, right);
        }
    }

    private static IEnumerable<(string, decimal, decimal)> KiaWithinTarget(ValueSet v)
    {
        foreach (var (indicator, target) in v.By("KIA.SASARAN", "indicator"))
        {
            var element = "KIA." + indicator;
            if (v.Has(element) && v.Total(element) > target)
            {
                yield return ($"{indicator} ({Format(v.Total(element))}) melebihi sasaran setahun ({Format(target)}).", v.Total(element), target);
            }
        }
    }

    private static IEnumerable<(string, decimal, decimal)> PorGivenWithinCases(ValueSet v)
    {
        var cases = v.By("POR.KASUS", "kelompok");
        foreach (var (group, given) in v.By("POR.DIBERI", "kelompok"))
        {
            var n = cases.GetValueOrDefault(group);
            if (given > n)
            {
                yield return ($"POR {group}: kasus yang mendapat obat ({Format(given)}) melebihi jumlah kasus ({Format(n)}).", given, n);
            }
        }
    }

        private static IEnumerable<(string, decimal, decimal)> WaitingWithinExamined(ValueSet v)
    {
        var examined = v.By("TUNGGU.KUNJUNGAN", "poli");
        foreach (var (poli, within) in v.By("TUNGGU.DALAM_TARGET", "poli"))
        {
            var n = examined.GetValueOrDefault(poli);
            if (within > n)
            {
                yield return ($"Poli {poli}: dalam target ({Format(within)}) melebihi kunjungan diperiksa ({Format(n)}).", within, n);
            }
        }
    }

    public static string Format(decimal value) => value.ToString("#,0.##", Simpus.Core.Common.Cultures.Indonesian);
}
