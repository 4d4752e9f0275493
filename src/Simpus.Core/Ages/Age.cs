namespace Simpus.Core.Ages;

/// <summary>
/// Age in calendar terms (completed years, months, days) at a given date — always the visit date, never today.
/// A 29 February birthday is completed on 1 March in common years.
/// </summary>
public readonly record struct Age(int Years, int Months, int TotalDays)
{
    public static Age At(DateOnly birthDate, DateOnly onDate)
    {
        if (onDate < birthDate)
        {
            throw new ArgumentOutOfRangeException(nameof(onDate), "Tanggal kunjungan sebelum tanggal lahir.");
        }
        var months = (onDate.Year - birthDate.Year) * 12 + onDate.Month - birthDate.Month;
        if (!HasReachedDayOfMonth(birthDate, onDate))
        {
            months--;
        }
        return new Age(months / 12, months, onDate.DayNumber - birthDate.DayNumber);
    }

    private static bool HasReachedDayOfMonth(DateOnly birth, DateOnly on)
    {
        // Completed the month when the day number is reached; if the birth day does not exist in this month
        // (e.g. 31st, or 29 Feb), it is completed on the first day of the next month.
        return on.Day >= birth.Day;
    }
}

/// <summary>An age band of the LB1 report: inclusive lower bound, exclusive upper bound, in days or in completed months/years.</summary>
public sealed record AgeBand(string Code, string Label, AgeUnit Unit, int From, int? Below)
{
    public bool Contains(Age age)
    {
        var value = Unit switch
        {
            AgeUnit.Days => age.TotalDays,
            AgeUnit.Months => age.Months,
            _ => age.Years,
        };
        return value >= From && (Below is null || value < Below);
    }
}

public enum AgeUnit
{
    Days,
    Months,
    Years,
}

public static class AgeBands
{
    /// <summary>The default LB1 bands (DOMAIN.md): 0–7 hari, 8–28 hari, 29 hari–&lt;1 th, 1–4, 5–9, 10–14, 15–19, 20–44, 45–54, 55–59, 60–69, ≥70.</summary>
    public static readonly IReadOnlyList<AgeBand> Lb1 =
    [
        new("0-7h", "0–7 hr", AgeUnit.Days, 0, 8),
        new("8-28h", "8–28 hr", AgeUnit.Days, 8, 29),
        new("29h-1t", "29 hr–<1 th", AgeUnit.Years, 0, 1),
        new("1-4", "1–4 th", AgeUnit.Years, 1, 5),
        new("5-9", "5–9 th", AgeUnit.Years, 5, 10),
        new("10-14", "10–14 th", AgeUnit.Years, 10, 15),
        new("15-19", "15–19 th", AgeUnit.Years, 15, 20),
        new("20-44", "20–44 th", AgeUnit.Years, 20, 45),
        new("45-54", "45–54 th", AgeUnit.Years, 45, 55),
        new("55-59", "55–59 th", AgeUnit.Years, 55, 60),
        new("60-69", "60–69 th", AgeUnit.Years, 60, 70),
        new("70+", "≥70 th", AgeUnit.Years, 70, null),
    ];

    /// <summary>Index of the LB1 band for an age at the visit date. Bands are checked in order, so the first match wins.</summary>
    public static int Lb1Index(DateOnly birthDate, DateOnly visitDate)
    {
        var age = Age.At(birthDate, visitDate);
        for (var i = 0; i < Lb1.Count; i++)
        {
            if (Lb1[i].Contains(age))
            {
                return i;
            }
        }
        throw new InvalidOperationException("No LB1 age band contains the age");
    }
}
