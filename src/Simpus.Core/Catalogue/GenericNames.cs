using System.Text;

namespace Simpus.Core.Catalogue;

/// <summary>
/// Folds a drug's generic name to one key whatever the spelling, Indonesian (Farmakope/Fornas) or international (INN):
/// ph→f, th→t, ch→k, x→ks, qu→kw, c→s before e/i/y and c→k otherwise, y→i, doubled letters once, a final e dropped.
/// So paracetamol/parasetamol, amoxicillin/amoksisilin, chlorpheniramine/klorfeniramin, ciprofloxacin/siprofloksasin meet.
/// </summary>
public static class GenericNames
{
    public static string Fold(string word)
    {
        var w = word.ToLowerInvariant();
        var sb = new StringBuilder(w.Length + 2);
        for (var i = 0; i < w.Length; i++)
        {
            var ch = w[i];
            var next = i + 1 < w.Length ? w[i + 1] : '\0';
            switch (ch)
            {
                case 'p' when next == 'h':
                    sb.Append('f');
                    i++;
                    break;
                case 't' when next == 'h':
                    sb.Append('t');
                    i++;
                    break;
                case 'c' when next == 'h':
                    sb.Append('k');
                    i++;
                    break;
                case 'q' when next == 'u':
                    sb.Append("kw");
                    i++;
                    break;
                case 'c':
                    sb.Append(next is 'e' or 'i' or 'y' ? 's' : 'k');
                    break;
                case 'x':
                    sb.Append("ks");
                    break;
                case 'y':
                    sb.Append('i');
                    break;
                default:
                    sb.Append(ch);
                    break;
            }
        }
        var folded = new StringBuilder(sb.Length);
        foreach (var ch in sb.ToString())
        {
            if (folded.Length == 0 || folded[^1] != ch || char.IsAsciiDigit(ch))
            {
                folded.Append(ch);
            }
        }
        if (folded.Length >= 5 && folded[^1] == 'e' && !IsVowel(folded[^2]))
        {
            folded.Length--;
        }
        return folded.ToString();
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
