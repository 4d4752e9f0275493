using System.Globalization;

namespace Simpus.Core.Common;

/// <summary>
/// The dates SIMPUS works with: birth dates from 1900, records and schedules up to 2100. A date outside is a typing
/// error (year 0, 3000, 8254), refused with a 400 naming the field rather than carried into date arithmetic.
/// </summary>
public static class DateRange
{
    public static readonly DateOnly Earliest = new(1900, 1, 1);
    public static readonly DateOnly Latest = new(2100, 12, 31);

    public static bool Contains(DateOnly date) => date >= Earliest && date <= Latest;

    public static bool ContainsYear(int year) => year >= Earliest.Year && year <= Latest.Year;

    /// <summary>Adds an error for the field when the date is outside the range; true when it is inside.</summary>
    public static bool Check(Validation v, string field, DateOnly? date)
    {
        if (date is not { } d || Contains(d))
        {
            return true;
        }
        v.Add(field, "date.range", OutsideMessage);
        return false;
    }

    public static string OutsideMessage { get; } = string.Create(CultureInfo.InvariantCulture,
        $"Tanggal harus antara tahun {Earliest.Year} dan {Latest.Year}.");

    /// <summary>A yyyy-MM-dd text as a date in range, or a 400 naming the field.</summary>
    public static DateOnly ParseDate(string? text, string field)
    {
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            throw ValidationFailedException.For(field, "date.format", "Tanggal harus berformat yyyy-MM-dd.");
        }
        return Contains(d) ? d : throw ValidationFailedException.For(field, "date.range", OutsideMessage);
    }

    /// <summary>A yyyy-MM text as (year, month) in range, or a 400 naming the field.</summary>
    public static (int Year, int Month) ParseMonth(string text, string field)
    {
        if (!DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            throw ValidationFailedException.For(field, "month.format", "Bulan harus berformat YYYY-MM, contoh 2026-11.");
        }
        return Contains(d) ? (d.Year, d.Month) : throw ValidationFailedException.For(field, "date.range", OutsideMessage);
    }

    /// <summary>A year in range, or a 400 naming the field.</summary>
    public static int CheckYear(int year, string field) =>
        ContainsYear(year) ? year : throw ValidationFailedException.For(field, "date.range", OutsideMessage);
}
