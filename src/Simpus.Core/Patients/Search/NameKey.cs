using System.Globalization;
using System.Text;

namespace Simpus.Core.Patients.Search;

/// <summary>
/// Folds Indonesian name spellings to one key per word, so that old and new spellings and common variants meet:
/// Soekarno/Sukarno (oe→u), Djoko/Joko, Tjahjo/Cahyo, Achmad/Ahmad, Syaiful/Saiful, Sity/Siti (y→i),
/// Muhammad/Mohamad/Muhamad (double letters, o→u), Aminah/Amina (final h).
/// </summary>
public static class NameKey
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["m"] = "muhamad",
        ["mhd"] = "muhamad",
        ["moh"] = "muhamad",
        ["muh"] = "muhamad",
        ["mohd"] = "muhamad",
        ["muhd"] = "muhamad",
    };

    /// <summary>The words of a name, each folded to its key; empty words dropped.</summary>
    public static string[] Tokens(string name)
    {
        var words = new List<string>(4);
        var current = new StringBuilder();
        foreach (var ch in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            var c = char.ToLowerInvariant(ch);
            if (c is >= 'a' and <= 'z')
            {
                current.Append(c);
            }
            else if (c is '\'' or '`' or '’')
            {
                // Ma'ruf = Maruf
            }
            else if (current.Length > 0)
            {
                words.Add(Fold(current.ToString()));
                current.Clear();
            }
        }
        if (current.Length > 0)
        {
            words.Add(Fold(current.ToString()));
        }
        return words.Where(w => w.Length > 0).ToArray();
    }

    public static string Fold(string word)
    {
        var w = word;
        if (Aliases.TryGetValue(w, out var alias))
        {
            return alias;
        }
        w = w.Replace("oe", "u", StringComparison.Ordinal)
             .Replace("dj", "j", StringComparison.Ordinal)
             .Replace("tj", "c", StringComparison.Ordinal)
             .Replace("sj", "sy", StringComparison.Ordinal)
             .Replace("ch", "h", StringComparison.Ordinal)
             .Replace("kh", "h", StringComparison.Ordinal)
             .Replace("sy", "s", StringComparison.Ordinal)
             .Replace("ph", "f", StringComparison.Ordinal)
             .Replace("th", "t", StringComparison.Ordinal)
             .Replace("dh", "d", StringComparison.Ordinal)
             .Replace('q', 'k')
             .Replace('v', 'f')
             .Replace('y', 'i')
             .Replace('o', 'u');
        var sb = new StringBuilder(w.Length);
        foreach (var c in w)
        {
            if (sb.Length == 0 || sb[^1] != c)
            {
                sb.Append(c);
            }
        }
        if (sb.Length > 3 && sb[^1] == 'h')
        {
            sb.Length--;
        }
        var folded = sb.ToString();
        return Aliases.TryGetValue(folded, out var a) ? a : folded;
    }

    /// <summary>Edit distance (with transpositions) if it is at most <paramref name="max"/>, otherwise max + 1.</summary>
    public static int BoundedDistance(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }
        var n = a.Length;
        var m = b.Length;
        Span<int> prev2 = stackalloc int[m + 1];
        Span<int> prev = stackalloc int[m + 1];
        Span<int> cur = stackalloc int[m + 1];
        for (var j = 0; j <= m; j++)
        {
            prev[j] = j;
        }
        for (var i = 1; i <= n; i++)
        {
            cur[0] = i;
            var rowMin = cur[0];
            for (var j = 1; j <= m; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    v = Math.Min(v, prev2[j - 2] + 1);
                }
                cur[j] = v;
                rowMin = Math.Min(rowMin, v);
            }
            if (rowMin > max)
            {
                return max + 1;
            }
            var t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return Math.Min(prev[m], max + 1);
    }

    /// <summary>How many typos a word of this length tolerates.</summary>
    public static int Tolerance(int length) => length switch
    {
        < 4 => 0,
        < 7 => 1,
        _ => 2,
    };
}
