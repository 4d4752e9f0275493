using System.Globalization;

namespace Simpus.Core.Common;

/// <summary>Indonesian time zones have fixed offsets and no daylight saving.</summary>
public static class TimeZones
{
    public static readonly IReadOnlyList<string> Codes = ["WIB", "WITA", "WIT"];

    public static TimeSpan Offset(string code) => code switch
    {
        "WIB" => TimeSpan.FromHours(7),
        "WITA" => TimeSpan.FromHours(8),
        "WIT" => TimeSpan.FromHours(9),
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Zona waktu harus WIB, WITA atau WIT"),
    };

    public static DateTimeOffset ToLocal(DateTimeOffset instant, string code) => instant.ToOffset(Offset(code));

    public static DateOnly LocalDate(DateTimeOffset instant, string code) => DateOnly.FromDateTime(ToLocal(instant, code).DateTime);
}

public static class Cultures
{
    /// <summary>What people read: Bahasa Indonesia.</summary>
    public static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID");
}
