using System.Globalization;
using System.Text.RegularExpressions;

namespace Simpus.Core.Patients.Search;

/// <summary>
/// What the desk typed, beyond a bare name: RT/RW (<c>rt 3</c>, <c>rt.03/rw.2</c>, <c>rt3</c>), a relation to the family head
/// (<c>anak budi santoso</c>, <c>istri ...</c>) and a birth year. The other words are names, village or address words.
/// </summary>
public sealed partial record SearchQuery(IReadOnlyList<string> Words, int? Year, string? Rt, string? Rw, string? Relation)
{
    /// <summary>Leading words that ask for a member of the family whose head is named after them, with the relation they mean.</summary>
    public static readonly IReadOnlyDictionary<string, string> RelationWords = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["anak"] = "anak",
        ["istri"] = "istri",
        ["isteri"] = "istri",
        ["suami"] = "suami",
        ["ortu"] = "orangtua",
        ["orangtua"] = "orangtua",
    };

    /// <summary>True when the query asks more than a name (RT/RW or a family relation).</summary>
    public bool HasContext => Rt is not null || Rw is not null || Relation is not null;

    public static SearchQuery Parse(string text)
    {
        string? rt = null, rw = null;
        var rest = RtRw().Replace(text.ToLowerInvariant(), m =>
        {
            var number = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            if (number is < 1 or > 999)
            {
                return " ";
            }
            var padded = number.ToString("000", CultureInfo.InvariantCulture);
            if (m.Groups["k"].Value == "rt")
            {
                rt = padded;
            }
            else
            {
                rw = padded;
            }
            return " ";
        });
        int? year = null;
        var words = new List<string>();
        foreach (var w in rest.Split([' ', ',', '/'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (w.Length == 4 && w.All(char.IsAsciiDigit))
            {
                year = int.Parse(w, CultureInfo.InvariantCulture);
            }
            else
            {
                words.Add(w);
            }
        }
        string? relation = null;
        if (words.Count >= 2 && RelationWords.TryGetValue(words[0], out var r))
        {
            relation = r;
        }
        return new SearchQuery(words, year, rt, rw, relation);
    }

    [GeneratedRegex(@"\b(?<k>rt|rw)\s*[.:]?\s*(?<n>\d{1,3})\b", RegexOptions.CultureInvariant)]
    private static partial Regex RtRw();
}
