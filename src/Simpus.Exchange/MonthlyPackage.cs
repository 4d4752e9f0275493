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
/// The monthly data package a puskesmas sends to the Dinas Kesehatan: aggregated values only, never patient rows.
/// Serialized and signed by <see cref="PackageCodec"/>.
/// </summary>
public sealed record MonthlyPackage
{
    public const string FormatName = "simpus.monthly-package";
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required string PuskesmasCode { get; init; }
    public required string PuskesmasName { get; init; }
    public required MonthPeriod Period { get; init; }
    public required int Revision { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }
    public required IReadOnlyList<PackageValue> Values { get; init; }
}
