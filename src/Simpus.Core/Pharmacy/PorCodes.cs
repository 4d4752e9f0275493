namespace Simpus.Core.Pharmacy;

/// <summary>
/// The POR settings' lists: ICD-10 codes or categories with ranges ("J00-J06, A09, M79.1"), matched as prefixes of the recorded
/// code (J06 matches J06.9), and plain comma-separated lists (drug classes, dosage forms) matched case-insensitively.
/// </summary>
public static class PorCodes
{
    /// <summary>Parses a code list; returns an Indonesian error message, or null when every entry is a code, category or range.</summary>
    public static string? TryParse(string text, out List<string> codes)
    {
        codes = [];
        foreach (var raw in text.Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var entry = raw.ToUpperInvariant().Replace('–', '-').Replace(" ", "", StringComparison.Ordinal);
            var dash = entry.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0)
            {
                var from = entry[..dash];
                var to = entry[(dash + 1)..];
                if (!IsCategory(from) || !IsCategory(to) || from[0] != to[0] || string.CompareOrdinal(from, to) > 0)
                {
                    return $"Rentang '{raw}' harus dua kategori 3 karakter dengan huruf yang sama, mis. J00-J06.";
                }
                for (var n = int.Parse(from[1..], System.Globalization.CultureInfo.InvariantCulture); n <= int.Parse(to[1..], System.Globalization.CultureInfo.InvariantCulture); n++)
                {
                    Add(codes, $"{from[0]}{n:00}");
                }
                continue;
            }
            if (!IsCode(entry))
            {
                return $"'{raw}' bukan kode ICD-10 (contoh: J06, J06.9, A09).";
            }
            Add(codes, entry);
        }
        return null;
    }

    /// <summary>The parsed codes; an invalid list gives the valid part.</summary>
    public static IReadOnlyList<string> Parse(string text)
    {
        TryParse(text, out var codes);
        return codes;
    }

    public static IReadOnlyList<string> List(string text) =>
        text.Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Whether a recorded ICD-10 code belongs to the list (prefix match: J06 → J06.9).</summary>
    public static bool Matches(IReadOnlyList<string> codes, string code)
    {
        foreach (var c in codes)
        {
            if (code.StartsWith(c, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static void Add(List<string> codes, string code)
    {
        if (!codes.Contains(code))
        {
            codes.Add(code);
        }
    }

    private static bool IsCategory(string s) => s.Length == 3 && s[0] is >= 'A' and <= 'Z' && char.IsAsciiDigit(s[1]) && char.IsAsciiDigit(s[2]);

    private static bool IsCode(string s) =>
        s.Length <= 8 && s.Length >= 3 && IsCategory(s[..3]) && (s.Length == 3 || (s[3] == '.' && s.Length > 4 && s[4..].All(char.IsAsciiLetterOrDigit)));
}
