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
        TotalAtMost("lb1.baru-le-kunjungan", "Kasus baru LB1 ≤ jumlah kunjungan", "LB1.BARU", "Kasus baru LB1", "KUNJUNGAN", "kunjungan"),
        TotalAtMost("rujukan-le-kunjungan", "Rujukan ≤ jumlah kunjungan", "RUJUKAN", "Rujukan", "KUNJUNGAN", "kunjungan"),
        TotalAtMost("miskin-le-kunjungan", "Kunjungan penduduk miskin ≤ jumlah kunjungan", "KUNJUNGAN.MISKIN", "Kunjungan penduduk miskin", "KUNJUNGAN", "kunjungan"),
        TotalAtMost("ugd-le-kunjungan", "Kunjungan UGD ≤ jumlah kunjungan", "UGD", "Kunjungan UGD", "KUNJUNGAN", "kunjungan"),
        new("kia-le-sasaran", "Capaian KIA bulan ini ≤ sasaran setahun", KiaWithinTarget),
        TotalAtMost("kia.k1murni-le-k1", "K1 murni ≤ K1 akses (kontak pertama pada trimester 1 adalah bagian dari semua kontak pertama)",
            "KIA.K1_MURNI", "K1 murni", "KIA.K1", "K1 akses"),
        TotalAtMost("kia.d-le-s", "Balita ditimbang (D) ≤ balita yang ada (S)", "KIA.D", "Balita ditimbang (D)", "KIA.S", "balita yang ada (S)"),
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

    /// <summary>The rule "total of <paramref name="left"/> ≤ total of <paramref name="right"/>", judged when the package has both.</summary>
    private static ValidationRule TotalAtMost(string code, string description, string left, string leftName, string right, string rightName) =>
        new(code, description, v => AtMost(v, left, leftName, right, rightName));

    private static IEnumerable<(string, decimal, decimal)> AtMost(ValueSet v, string left, string leftName, string right, string rightName)
    {
        if (v.Has(left) && v.Has(right) && v.Total(left) > v.Total(right))
        {
            yield return ($"{leftName} ({Format(v.Total(left))}) melebihi {rightName} ({Format(v.Total(right))}).", v.Total(left), v.Total(right));
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
