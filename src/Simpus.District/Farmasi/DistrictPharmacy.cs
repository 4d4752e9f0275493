using Dapper;
using Simpus.Core.Data;
using Simpus.District.Quality;
using Simpus.District.Registry;
using Simpus.Exchange;

namespace Simpus.District.Farmasi;

/// <summary>One drug of the district's LPLPO recap: the sums over the puskesmas that reported it, and what each one requests.</summary>
public sealed record LplpoRecapRow
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required string Unit { get; init; }
    public string? FornasClass { get; init; }
    public decimal StokAwal { get; init; }
    public decimal Penerimaan { get; init; }
    public decimal Pemakaian { get; init; }
    public decimal RusakHilang { get; init; }
    public decimal SisaStok { get; init; }
    public decimal PemakaianRataRata { get; init; }
    public decimal StokOptimum { get; init; }
    public decimal Permintaan { get; init; }
    /// <summary>Months the district's remaining stock lasts at its average use; null without use.</summary>
    public decimal? Ketersediaan => PemakaianRataRata <= 0 ? null : Math.Round(SisaStok / PemakaianRataRata, 1);
    /// <summary>Puskesmas with no stock of a drug they use, or days without stock in the month.</summary>
    public int PuskesmasKosong { get; init; }
    public IReadOnlyDictionary<string, decimal> PermintaanPerPuskesmas { get; init; } = new Dictionary<string, decimal>();
}

public sealed record StockOutRow(string Puskesmas, string PuskesmasName, string Drug, string DrugName, string Unit, decimal SisaStok,
    decimal PemakaianRataRata, decimal HariKosong, decimal? Ketersediaan);

public sealed record ExpiryRow(string Puskesmas, string PuskesmasName, string Drug, string DrugName, string Unit, decimal Kedaluwarsa,
    decimal HampirKedaluwarsa);

public sealed record PorGroup(string Code, decimal Cases, decimal Given)
{
    public decimal? Percent => Cases == 0 ? null : Math.Round(100m * Given / Cases, 1);
}

public sealed record PorRow(string Puskesmas, string PuskesmasName, bool Reported, IReadOnlyList<PorGroup> Groups, decimal Prescriptions, decimal Items)
{
    public decimal? ItemsPerPrescription => Prescriptions == 0 ? null : Math.Round(Items / Prescriptions, 2);
}

/// <summary>
/// The district's view of the puskesmas pharmacies, from the current packages of schema 2: the LPLPO recap per drug (for the
/// warehouse's planning), stock-outs, expired and expiring stock, and POR per puskesmas. Puskesmas that sent schema 1 have no
/// pharmacy values and show as not reported.
/// </summary>
public sealed class DistrictPharmacy(Database db, DistrictData data, PuskesmasRegistry registry)
{
    public static readonly IReadOnlyList<(string Code, string Name, decimal Target)> PorGroups =
    [
        ("ispa", "ISPA non-pneumonia dengan antibiotik", 20m),
        ("diare", "Diare non-spesifik dengan antibiotik", 8m),
        ("myalgia", "Myalgia dengan injeksi", 1m),
    ];

    public const decimal ItemsTarget = 2.6m;

    public IReadOnlyList<LplpoRecapRow> Lplpo(MonthPeriod month) => Lplpo(month, ByPuskesmas(month));

    public IReadOnlyList<LplpoRecapRow> Lplpo(MonthPeriod month, IReadOnlyDictionary<string, ValueSet> sets)
    {
        var drugs = Drugs(month);
        var rows = new Dictionary<string, Accumulator>(StringComparer.Ordinal);
        foreach (var (puskesmas, set) in sets)
        {
            foreach (var element in set.Elements.Where(e => e.StartsWith("LPLPO.", StringComparison.Ordinal)))
            {
                foreach (var (key, value) in set.Values(element))
                {
                    var code = PackageValue.ParseKey(key).GetValueOrDefault("drug");
                    if (code is null)
                    {
                        continue;
                    }
                    if (!rows.TryGetValue(code, out var acc))
                    {
                        rows[code] = acc = new Accumulator();
                    }
                    acc.Add(puskesmas, element, value);
                }
            }
        }
        return rows.Select(r =>
            {
                var d = drugs.GetValueOrDefault(r.Key);
                var a = r.Value;
                return new LplpoRecapRow
                {
                    Code = r.Key, Name = d?.Name ?? r.Key, Unit = d?.Unit ?? "", FornasClass = d?.FornasClass,
                    StokAwal = a.Sum("LPLPO.STOK_AWAL"), Penerimaan = a.Sum("LPLPO.PENERIMAAN"), Pemakaian = a.Sum("LPLPO.PEMAKAIAN"),
                    RusakHilang = a.Sum("LPLPO.RUSAK_HILANG"), SisaStok = a.Sum("LPLPO.SISA"), PemakaianRataRata = a.Sum("LPLPO.PEMAKAIAN_RATA"),
                    StokOptimum = a.Sum("LPLPO.STOK_OPTIMUM"), Permintaan = a.Sum("LPLPO.PERMINTAAN"),
                    PuskesmasKosong = a.Puskesmas.Count(p => IsStockOut(a.Of(p, "LPLPO.SISA"), a.Of(p, "LPLPO.PEMAKAIAN_RATA"), a.Of(p, "LPLPO.HARI_KOSONG"))),
                    PermintaanPerPuskesmas = a.Puskesmas.ToDictionary(p => p, p => a.Of(p, "LPLPO.PERMINTAAN"), StringComparer.Ordinal),
                };
            })
            .OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Code, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Per puskesmas and drug: out of stock at the month's end while in use, or days without stock in the month.</summary>
    public IReadOnlyList<StockOutRow> StockOuts(MonthPeriod month) => StockOuts(month, ByPuskesmas(month));

    public IReadOnlyList<StockOutRow> StockOuts(MonthPeriod month, IReadOnlyDictionary<string, ValueSet> sets)
    {
        var drugs = Drugs(month);
        var names = registry.List(activeOnly: false).ToDictionary(p => p.Code, p => p.Name, StringComparer.Ordinal);
        var list = new List<StockOutRow>();
        foreach (var (puskesmas, set) in sets)
        {
            var codes = DrugCodes(set, "LPLPO.PEMAKAIAN_RATA", "LPLPO.HARI_KOSONG", "LPLPO.SISA");
            foreach (var code in codes)
            {
                var sisa = set.Where("LPLPO.SISA", "drug", code) ?? 0;
                var average = set.Where("LPLPO.PEMAKAIAN_RATA", "drug", code) ?? 0;
                var days = set.Where("LPLPO.HARI_KOSONG", "drug", code) ?? 0;
                if (IsStockOut(sisa, average, days))
                {
                    var d = drugs.GetValueOrDefault(code);
                    list.Add(new StockOutRow(puskesmas, names.GetValueOrDefault(puskesmas, puskesmas), code, d?.Name ?? code, d?.Unit ?? "", sisa, average, days,
                        average <= 0 ? null : Math.Round(sisa / average, 1)));
                }
            }
        }
        return list.OrderByDescending(r => r.HariKosong).ThenBy(r => r.PuskesmasName, StringComparer.Ordinal).ThenBy(r => r.DrugName, StringComparer.Ordinal).ToList();
    }

    /// <summary>Per puskesmas and drug: written off as expired in the month, and on hand in batches about to expire.</summary>
    public IReadOnlyList<ExpiryRow> Expiry(MonthPeriod month) => Expiry(month, ByPuskesmas(month));

    public IReadOnlyList<ExpiryRow> Expiry(MonthPeriod month, IReadOnlyDictionary<string, ValueSet> sets)
    {
        var drugs = Drugs(month);
        var names = registry.List(activeOnly: false).ToDictionary(p => p.Code, p => p.Name, StringComparer.Ordinal);
        var list = new List<ExpiryRow>();
        foreach (var (puskesmas, set) in sets)
        {
            foreach (var code in DrugCodes(set, "LPLPO.KEDALUWARSA", "LPLPO.HAMPIR_KEDALUWARSA"))
            {
                var d = drugs.GetValueOrDefault(code);
                list.Add(new ExpiryRow(puskesmas, names.GetValueOrDefault(puskesmas, puskesmas), code, d?.Name ?? code, d?.Unit ?? "",
                    set.Where("LPLPO.KEDALUWARSA", "drug", code) ?? 0, set.Where("LPLPO.HAMPIR_KEDALUWARSA", "drug", code) ?? 0));
            }
        }
        return list.OrderBy(r => r.PuskesmasName, StringComparer.Ordinal).ThenBy(r => r.DrugName, StringComparer.Ordinal).ToList();
    }

    /// <summary>POR per active puskesmas (over the periods given: counts are summed), and the district total as the last row.</summary>
    public IReadOnlyList<PorRow> Por(MonthPeriod month) => Por(ByPuskesmas(month));

    public IReadOnlyList<PorRow> Por(IReadOnlyDictionary<string, ValueSet> sets)
    {
        var rows = new List<PorRow>();
        foreach (var p in registry.List(activeOnly: true))
        {
            var set = sets.GetValueOrDefault(p.Code);
            var reported = set is not null && set.Has("POR.KASUS");
            rows.Add(new PorRow(p.Code, p.Name, reported,
                PorGroups.Select(g => new PorGroup(g.Code, set?.Where("POR.KASUS", "kelompok", g.Code) ?? 0, set?.Where("POR.DIBERI", "kelompok", g.Code) ?? 0)).ToList(),
                set?.Total("POR.RESEP") ?? 0, set?.Total("POR.ITEM") ?? 0));
        }
        var reporting = rows.Where(r => r.Reported).ToList();
        rows.Add(new PorRow("", "Kabupaten/kota", reporting.Count > 0,
            PorGroups.Select((g, i) => new PorGroup(g.Code, reporting.Sum(r => r.Groups[i].Cases), reporting.Sum(r => r.Groups[i].Given))).ToList(),
            reporting.Sum(r => r.Prescriptions), reporting.Sum(r => r.Items)));
        return rows;
    }

    /// <summary>Drug names and units from the month's current packages (the latest received wins when puskesmas disagree).</summary>
    public IReadOnlyDictionary<string, PackageDrug> Drugs(MonthPeriod month)
    {
        using var c = db.Open();
        return c.Query<(string Code, string Name, string Unit, string? FornasClass)>("""
            SELECT d.code, d.name, d.unit, d.fornas_class
            FROM package_drugs d JOIN packages p ON p.id = d.package_id
            WHERE p.is_current = 1 AND p.period = @period
            ORDER BY p.received_at
            """, new { period = month.ToString() })
            .GroupBy(d => d.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => { var d = g.Last(); return new PackageDrug(d.Code, d.Name, d.Unit, d.FornasClass); }, StringComparer.Ordinal);
    }

    private IReadOnlyDictionary<string, ValueSet> ByPuskesmas(MonthPeriod month)
    {
        var sets = new Dictionary<string, ValueSet>(StringComparer.Ordinal);
        foreach (var v in data.Values([month]))
        {
            if (!sets.TryGetValue(v.PuskesmasCode, out var set))
            {
                sets[v.PuskesmasCode] = set = new ValueSet();
            }
            set.Add(v.DataElement, v.Disaggregation, v.Value);
        }
        return sets;
    }

    private static bool IsStockOut(decimal sisa, decimal average, decimal days) => days > 0 || (sisa <= 0 && average > 0);

    private static IEnumerable<string> DrugCodes(ValueSet set, params string[] elements) =>
        elements.SelectMany(e => set.Values(e).Keys).Select(k => PackageValue.ParseKey(k).GetValueOrDefault("drug")).OfType<string>()
            .Distinct(StringComparer.Ordinal);

    private sealed class Accumulator
    {
        private readonly Dictionary<(string, string), decimal> _values = [];
        public readonly SortedSet<string> Puskesmas = new(StringComparer.Ordinal);

        public void Add(string puskesmas, string element, decimal value)
        {
            Puskesmas.Add(puskesmas);
            _values[(puskesmas, element)] = _values.GetValueOrDefault((puskesmas, element)) + value;
        }

        public decimal Of(string puskesmas, string element) => _values.GetValueOrDefault((puskesmas, element));

        public decimal Sum(string element) => _values.Where(v => v.Key.Item2 == element).Sum(v => v.Value);
    }
}
