using Simpus.Core.Common;

namespace Simpus.Web.Users;

/// <summary>
/// Rules for every new password (the admin's, the user's own, the first admin's): 10–128 characters, no control characters,
/// at least 4 different characters, not the user name and not a common password (the list in
/// <c>db/reference/common-passwords.txt</c>), also not with only digits or symbols added ("admin2024!", "password123").
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 10;
    public const int MaxLength = 128;

    private static readonly Lazy<HashSet<string>> Common = new(Load);

    /// <summary>The problems of this password for this user name (empty when it may be used).</summary>
    public static IReadOnlyList<FieldError> Check(string? password, string? username, string field = "password")
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinLength)
        {
            return [new FieldError(field, "password.tooShort", $"Kata sandi minimal {MinLength} karakter.")];
        }
        if (password.Length > MaxLength)
        {
            return [new FieldError(field, "password.tooLong", $"Kata sandi paling panjang {MaxLength} karakter.")];
        }
        if (password.Any(char.IsControl))
        {
            return [new FieldError(field, "password.invalid", "Kata sandi tidak boleh berisi karakter kontrol.")];
        }
        var lower = password.ToLowerInvariant();
        var core = lower.Trim().Trim(Decoration());
        var name = username?.Trim().ToLowerInvariant();
        if (!string.IsNullOrEmpty(name) && (lower == name || core == name))
        {
            return [new FieldError(field, "password.username", "Kata sandi tidak boleh sama dengan nama pengguna.")];
        }
        if (Common.Value.Contains(lower) || (core.Length > 0 && Common.Value.Contains(core)))
        {
            return [new FieldError(field, "password.common", "Kata sandi ini terlalu umum dan mudah ditebak. Pilih yang lain, misalnya tiga kata acak.")];
        }
        if (password.Distinct().Count() < 4)
        {
            return [new FieldError(field, "password.simple", "Kata sandi terlalu sederhana: pakai sedikitnya 4 karakter yang berbeda.")];
        }
        return [];
    }

    public static bool IsCommon(string password) => Common.Value.Contains(password.ToLowerInvariant());

    public static int CommonCount => Common.Value.Count;

    private static char[] Decoration()
    {
        var chars = new List<char>();
        for (var c = (char)33; c < 127; c++)
        {
            if (!char.IsLetter(c))
            {
                chars.Add(c);
            }
        }
        return [.. chars];
    }

    private static HashSet<string> Load()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("Simpus.Web.Reference.common-passwords.txt")
            ?? throw new InvalidOperationException("common-passwords.txt is not embedded");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line.Trim().ToLowerInvariant());
            }
        }
        return set;
    }
}
