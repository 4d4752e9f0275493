using System.Globalization;
using System.Text;

namespace Simpus.Exchange;

/// <summary>One aggregated number: a data element, its disaggregation (e.g. sex, ageBand, poli) and an additive count.</summary>
public sealed record PackageValue(string DataElement, IReadOnlyDictionary<string, string> Disaggregation, decimal Value)
{
    /// <summary>The disaggregation as canonical text: <c>name=value</c> pairs sorted by name (ordinal), joined by <c>;</c>.</summary>
    public string DisaggregationKey => KeyOf(Disaggregation);

    /// <summary>Data element and disaggregation, unique within a package: <c>LB1.BARU|ageBand=20-44;code=J06;sex=L</c>.</summary>
    public string Key => DataElement + "|" + DisaggregationKey;

    public static string KeyOf(IReadOnlyDictionary<string, string> disaggregation)
    {
        if (disaggregation.Count == 0)
        {
            return "";
        }
        var sb = new StringBuilder();
        foreach (var (name, value) in disaggregation.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (sb.Length > 0)
            {
                sb.Append(';');
            }
            sb.Append(name).Append('=').Append(value);
        }
        return sb.ToString();
    }

    /// <summary>Parses a key made by <see cref="KeyOf"/>.</summary>
    public static IReadOnlyDictionary<string, string> ParseKey(string key)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (key.Length == 0)
        {
            return result;
        }
        foreach (var pair in key.Split(';'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            result[pair[..eq]] = pair[(eq + 1)..];
        }
        return result;
    }

    public static string FormatValue(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);
}

/// <summary>
/// A drug named by the package's LPLPO values (schema 2): the district labels its recap with it. Code as in the values'
/// <c>drug</c> dimension; unit is the unit every LPLPO number of the drug is counted in.
/// </summary>
public sealed record PackageDrug(string Code, string Name, string Unit, string? FornasClass);

/// <summary>
/// The monthly data package a puskesmas sends to the Dinas Kesehatan: aggregated values only, never patient rows.
/// Serialized and signed by <see cref="PackageCodec"/>. Schema 1: values. Schema 2 (the pharmacy, issue 13): values
/// (now also LPLPO per drug and POR counts) and <c>drugs</c>, the catalogue entries the LPLPO values refer to.
/// The district accepts both.
/// </summary>
public sealed record MonthlyPackage
{
    public const string FormatName = "simpus.monthly-package";
    public const int CurrentSchemaVersion = 2;
    public static readonly IReadOnlyList<int> SupportedSchemaVersions = [1, 2];

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required string PuskesmasCode { get; init; }
    public required string PuskesmasName { get; init; }
    public required MonthPeriod Period { get; init; }
    public required int Revision { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }
    public required IReadOnlyList<PackageValue> Values { get; init; }
    /// <summary>Schema 2: the drugs the LPLPO values name (empty in schema 1, where it is not written).</summary>
    public IReadOnlyList<PackageDrug> Drugs { get; init; } = [];
}
