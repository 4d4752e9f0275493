namespace Simpus.Reports.Lb1;

/// <summary>
/// A list of ICD-10 categories written as ranges or chapters: <c>Z00-Z99</c>, <c>R</c> (the whole letter), <c>O80</c>
/// (one category), comma-separated. Used for what the 10 besar penyakit leaves out (default Z00–Z99: contacts with
/// health services and examinations, not diseases).
/// </summary>
public sealed class CodeRanges
{
    public const string DefaultTopTenExcluded = "Z00-Z99";

    private readonly List<(string From, string To)> _ranges;

    private CodeRanges(List<(string From, string To)> ranges) => _ranges = ranges;

    public static readonly CodeRanges None = new([]);

    public IReadOnlyList<(string From, string To)> Ranges => _ranges;

    public bool IsEmpty => _ranges.Count == 0;

    /// <summary>Whether a code's 3-character category falls in one of the ranges.</summary>
    public bool Contains(string code)
    {
        if (code.Length < 3)
        {
            return false;
        }
        var category = code[..3].ToUpperInvariant();
        return _ranges.Exists(r => string.CompareOrdinal(category, r.From) >= 0 && string.CompareOrdinal(category, r.To) <= 0);
    }

    /// <summary>As people read it: "Z00–Z99, R00–R99".</summary>
    public override string ToString() => string.Join(", ", _ranges.Select(r => r.From == r.To ? r.From : $"{r.From}–{r.To}"));

    public static CodeRanges Parse(string? text) => TryParse(text, out var ranges) ? ranges : throw new FormatException($"Not an ICD-10 range list: {text}");

    public static bool TryParse(string? text, out CodeRanges ranges)
    {
        ranges = None;
        var list = new List<(string, string)>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ends = part.Replace('–', '-').Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length > 2 || !Bound(ends[0], low: true, out var from) || !Bound(ends[^1], low: false, out var to) || string.CompareOrdinal(from, to) > 0)
            {
                return false;
            }
            list.Add((from, to));
        }
        ranges = new CodeRanges(list);
        return true;
    }

    /// <summary>The stored form: "Z00-Z99,R00-R99" (empty when nothing is excluded).</summary>
    public static string Normalize(string? text) =>
        TryParse(text, out var r) ? string.Join(",", r._ranges.Select(x => $"{x.From}-{x.To}")) : DefaultTopTenExcluded;

    /// <summary>The stored form as the settings page shows it: "Z00-Z99, R00-R99".</summary>
    public static string Display(string stored) => string.Join(", ", stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static bool Bound(string text, bool low, out string category)
    {
        category = "";
        var t = text.Trim().ToUpperInvariant();
        if (t.Length == 1 && t[0] is >= 'A' and <= 'Z')
        {
            category = t + (low ? "00" : "99");
            return true;
        }
        if (t.Length >= 3 && t[0] is >= 'A' and <= 'Z' && char.IsAsciiDigit(t[1]) && char.IsAsciiDigit(t[2]) && (t.Length == 3 || t[3] == '.'))
        {
            category = t[..3];
            return true;
        }
        return false;
    }
}
