namespace Simpus.Core.Common;

public static class Text
{
    /// <summary>Trims; empty becomes null.</summary>
    public static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }
        var trimmed = value.Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }

    public static bool AllDigits(string value)
    {
        foreach (var c in value)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }
        return value.Length > 0;
    }
}
