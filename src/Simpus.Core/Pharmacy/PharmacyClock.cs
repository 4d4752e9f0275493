using System.Globalization;
using Simpus.Core.Common;
using Simpus.Core.Settings;

namespace Simpus.Core.Pharmacy;

/// <summary>The pharmacy's "today" (the puskesmas' local date) and the dates people enter.</summary>
public sealed class PharmacyClock(SettingsStore settings, TimeProvider clock)
{
    public DateTimeOffset Now => clock.GetUtcNow();

    public DateOnly Today => TimeZones.LocalDate(clock.GetUtcNow(), settings.Get().TimeZone);

    /// <summary>A date the user typed (yyyy-MM-dd), today when empty; never in the future, not before 2000.</summary>
    public DateOnly? Entered(Validation v, string field, string? text, string label)
    {
        var today = Today;
        if (Text.Clean(text) is not { } s)
        {
            return today;
        }
        if (!DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) || date.Year < 2000)
        {
            v.Add(field, field + ".format", $"{label} harus berformat yyyy-MM-dd, contoh {today:yyyy-MM-dd}.");
            return null;
        }
        if (date > today)
        {
            v.Add(field, field + ".future", $"{label} tidak boleh di masa depan.");
            return null;
        }
        return date;
    }

    public static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
