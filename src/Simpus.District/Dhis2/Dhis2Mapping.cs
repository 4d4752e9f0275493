using System.Globalization;
using System.Text;
using Dapper;
using Simpus.Core.Common;
using Simpus.Core.Data;
using Simpus.District.Quality;
using Simpus.District.Registry;
using Simpus.Exchange;

namespace Simpus.District.Dhis2;

/// <summary>How one SIMPUS value is named in DHIS2. <c>Disaggregation</c> '*' = every disaggregation of the data element.</summary>
public sealed record MappingEntry
{
    public required string DataElement { get; init; }
    public required string Disaggregation { get; init; }
    public required string Dhis2DataElement { get; init; }
    public required string CategoryOptionCombo { get; init; }
    public bool Overridden { get; init; }
}

/// <summary>One DHIS2 data value (dataValueSets import format); codes are used with <c>idScheme=CODE</c>.</summary>
public sealed record Dhis2DataValue(string DataElement, string Period, string OrgUnit, string CategoryOptionCombo, string Value);

public sealed record Dhis2DataValueSet(IReadOnlyList<Dhis2DataValue> DataValues);

/// <summary>
/// The editable mapping from SIMPUS data elements + disaggregation to DHIS2 data element and category option combo codes.
/// Defaults: data element <c>SIMPUS_</c> + element with '.' → '_' + the values of the "what" dimensions (code, poli, payer,
/// indicator, unit); category option combo from the "who" dimensions (type, sex, ageBand) joined by '_', or <c>default</c>.
/// </summary>
public sealed class Dhis2Mapping(Database db, PuskesmasRegistry registry, DistrictData data, TimeProvider clock)
{
    /// <summary>Dimensions that go into the category option combo; the others name the data element.</summary>
    public static readonly IReadOnlyList<string> ComboDimensions = ["type", "sex", "ageBand"];

    public const string DefaultCombo = "default";

    public static (string DataElement, string Combo) Default(string element, string disaggregation)
    {
        var parts = PackageValue.ParseKey(disaggregation);
        var de = new StringBuilder("SIMPUS_").Append(Code(element));
        foreach (var (name, value) in parts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!ComboDimensions.Contains(name))
            {
                de.Append('_').Append(Code(value));
            }
        }
        var combo = ComboDimensions.Where(parts.ContainsKey).Select(d => Code(parts[d])).ToList();
        return (de.ToString(), combo.Count == 0 ? DefaultCombo : string.Join("_", combo));
    }

    public IReadOnlyList<MappingEntry> Overrides()
    {
        using var c = db.Open();
        return c.Query<MappingEntry>("""
            SELECT data_element AS DataElement, disaggregation, dhis2_data_element AS Dhis2DataElement,
                   category_option_combo AS CategoryOptionCombo, 1 AS Overridden
            FROM dhis2_mapping ORDER BY data_element, disaggregation
            """).ToList();
    }

    /// <summary>The effective mapping of every value received for the month (default or override).</summary>
    public IReadOnlyList<MappingEntry> Effective(MonthPeriod month)
    {
        var overrides = Lookup();
        return data.Values([month]).Select(v => (v.DataElement, v.Disaggregation)).Distinct()
            .OrderBy(k => k.DataElement, StringComparer.Ordinal).ThenBy(k => k.Disaggregation, StringComparer.Ordinal)
            .Select(k =>
            {
                var (de, coc, overridden) = Resolve(overrides, k.DataElement, k.Disaggregation);
                return new MappingEntry { DataElement = k.DataElement, Disaggregation = k.Disaggregation, Dhis2DataElement = de, CategoryOptionCombo = coc, Overridden = overridden };
            }).ToList();
    }

    /// <summary>Adds or replaces overrides. An empty DHIS2 data element leaves the value out of the export; an empty combo uses the default.</summary>
    /// <summary>The most rows one save takes: every data element with every disaggregation is far fewer.</summary>
    public const int MaxEntries = 5000;

    public IReadOnlyList<MappingEntry> Save(IReadOnlyList<MappingEntry> entries, string user)
    {
        var v = new Validation();
        if (entries.Count > MaxEntries)
        {
            v.Add("entries", "entries.tooMany", $"Paling banyak {MaxEntries} baris pemetaan sekali simpan.");
            v.ThrowIfAny();
        }
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (e is null)
            {
                v.Add($"[{i}]", "entry.required", "Baris pemetaan kosong (null).");
                continue;
            }
            if (Text.Clean(e.DataElement) is null)
            {
                v.Add($"[{i}].dataElement", "dataElement.required", "Data element SIMPUS wajib diisi.");
            }
            if (e.Disaggregation is null)
            {
                v.Add($"[{i}].disaggregation", "disaggregation.required", "Rincian wajib diisi ('' untuk tanpa rincian, '*' untuk semua).");
            }
        }
        v.ThrowIfAny();
        var now = clock.GetUtcNow();
        db.InTransaction((c, t) =>
        {
            foreach (var e in entries)
            {
                c.Execute("""
                    INSERT INTO dhis2_mapping (data_element, disaggregation, dhis2_data_element, category_option_combo, updated_at, updated_by)
                    VALUES (@de, @d, @dhis, @coc, @now, @user)
                    ON CONFLICT (data_element, disaggregation) DO UPDATE SET dhis2_data_element = excluded.dhis2_data_element,
                        category_option_combo = excluded.category_option_combo, updated_at = excluded.updated_at, updated_by = excluded.updated_by
                    """, new { de = e.DataElement.Trim(), d = e.Disaggregation.Trim(), dhis = (e.Dhis2DataElement ?? "").Trim(), coc = (e.CategoryOptionCombo ?? "").Trim(), now, user }, t);
            }
        });
        return Overrides();
    }

    public void Delete(string dataElement, string disaggregation) =>
        db.InTransaction((c, t) => c.Execute("DELETE FROM dhis2_mapping WHERE data_element = @dataElement AND disaggregation = @disaggregation",
            new { dataElement, disaggregation }, t));

    /// <summary>The month's current values as a DHIS2 dataValueSet; values mapped to the same DHIS2 keys are summed.</summary>
    public Dhis2DataValueSet Export(MonthPeriod month)
    {
        var overrides = Lookup();
        var orgUnits = registry.List().ToDictionary(p => p.Code, p => Text.Clean(p.OrgUnit) ?? p.Code, StringComparer.Ordinal);
        var sums = new SortedDictionary<(string OrgUnit, string De, string Coc), decimal>();
        foreach (var v in data.Values([month]))
        {
            var (de, coc, _) = Resolve(overrides, v.DataElement, v.Disaggregation);
            if (de.Length == 0)
            {
                continue;
            }
            var key = (orgUnits.GetValueOrDefault(v.PuskesmasCode, v.PuskesmasCode), de, coc);
            sums[key] = sums.GetValueOrDefault(key) + v.Value;
        }
        var period = month.Dhis2;
        return new Dhis2DataValueSet(sums.Select(s => new Dhis2DataValue(s.Key.De, period, s.Key.OrgUnit, s.Key.Coc,
            s.Value.ToString("0.############", CultureInfo.InvariantCulture))).ToList());
    }

    private Dictionary<(string, string), (string De, string Coc)> Lookup() =>
        Overrides().ToDictionary(o => (o.DataElement, o.Disaggregation), o => (o.Dhis2DataElement, o.CategoryOptionCombo));

    private static (string De, string Coc, bool Overridden) Resolve(Dictionary<(string, string), (string De, string Coc)> overrides, string element, string disaggregation)
    {
        var (defaultDe, defaultCoc) = Default(element, disaggregation);
        if (overrides.TryGetValue((element, disaggregation), out var exact) || overrides.TryGetValue((element, "*"), out exact))
        {
            return (exact.De, exact.Coc.Length == 0 ? defaultCoc : exact.Coc, true);
        }
        return (defaultDe, defaultCoc, false);
    }

    private static string Code(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var ch in value.ToUpperInvariant())
        {
            sb.Append(char.IsAsciiLetterOrDigit(ch) || ch == '-' ? ch : '_');
        }
        return sb.ToString();
    }
}
