using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Simpus.Exchange;

/// <summary>A reporting month, written <c>yyyy-MM</c> in packages and APIs, <c>yyyyMM</c> for DHIS2.</summary>
public readonly record struct MonthPeriod(int Year, int Month) : IComparable<MonthPeriod>
{
    public static MonthPeriod Of(DateOnly date) => new(date.Year, date.Month);

    public static bool TryParse([NotNullWhen(true)] string? text, out MonthPeriod period)
    {
        period = default;
        if (text is null || text.Length != 7 || text[4] != '-')
        {
            return false;
        }
        if (!int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || year is < 2000 or > 2999 || month is < 1 or > 12)
        {
            return false;
        }
        period = new MonthPeriod(year, month);
        return true;
    }

    public static MonthPeriod Parse(string text) =>
        TryParse(text, out var p) ? p : throw new FormatException($"'{text}' is not a yyyy-MM period");

    public DateOnly FirstDay => new(Year, Month, 1);

    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    public MonthPeriod Next => AddMonths(1);

    public MonthPeriod AddMonths(int months)
    {
        var index = Year * 12 + (Month - 1) + months;
        return new MonthPeriod(index / 12, index % 12 + 1);
    }

    /// <summary>Months from January of the same year up to and including this one.</summary>
    public IEnumerable<MonthPeriod> YearToDate()
    {
        var year = Year;
        return Enumerable.Range(1, Month).Select(m => new MonthPeriod(year, m));
    }

    public string Dhis2 => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}{Month:00}");

    public int CompareTo(MonthPeriod other) => (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);

    public static bool operator <(MonthPeriod a, MonthPeriod b) => a.CompareTo(b) < 0;

    public static bool operator >(MonthPeriod a, MonthPeriod b) => a.CompareTo(b) > 0;

    public static bool operator <=(MonthPeriod a, MonthPeriod b) => a.CompareTo(b) <= 0;

    public static bool operator >=(MonthPeriod a, MonthPeriod b) => a.CompareTo(b) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-{Month:00}");

    /// <summary>Indonesian month name and year, e.g. "Oktober 2026".</summary>
    public string Label => FirstDay.ToString("MMMM yyyy", Simpus.Core.Common.Cultures.Indonesian);
}
