using System.Globalization;
using System.Text.RegularExpressions;

namespace Simpus.Core.Identity;

/// <summary>
/// No. Rekam Medis in family folders: a family number plus a member suffix, e.g. <c>KK-000123-02</c>.
/// The format is a template with <c>{family:000000}</c> and <c>{member:00}</c> placeholders (zero-padding by the count of zeros).
/// </summary>
public static partial class RmNumber
{
    public const string DefaultFormat = "KK-{family:000000}-{member:00}";

    public static string? ValidateFormat(string? format)
    {
        if (string.IsNullOrWhiteSpace(format) || format.Length > 40)
        {
            return "Format No. RM wajib diisi (paling panjang 40 karakter).";
        }
        var family = Placeholder().Matches(format).Count(m => m.Groups[1].Value == "family");
        var member = Placeholder().Matches(format).Count(m => m.Groups[1].Value == "member");
        if (family != 1 || member != 1)
        {
            return "Format No. RM harus memuat tepat satu {family:000000} dan satu {member:00}.";
        }
        var literal = Placeholder().Replace(format, "");
        if (literal.Any(c => char.IsDigit(c) || c is '{' or '}'))
        {
            return "Bagian tetap format No. RM tidak boleh berisi angka atau kurung kurawal.";
        }
        return null;
    }

    public static string Format(string format, long family, int member) =>
        Placeholder().Replace(format, m =>
        {
            var value = m.Groups[1].Value == "family" ? family : member;
            var width = m.Groups[2].Success ? m.Groups[2].Value.Length : 1;
            return value.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
        });

    [GeneratedRegex(@"\{(family|member)(?::(0+))?\}")]
    private static partial Regex Placeholder();
}
