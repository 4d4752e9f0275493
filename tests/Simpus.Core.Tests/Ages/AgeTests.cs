using Simpus.Core.Ages;

namespace Simpus.Core.Tests.Ages;

public sealed class AgeTests
{
    private static DateOnly D(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string Band(string birth, string visit) => AgeBands.Lb1[AgeBands.Lb1Index(D(birth), D(visit))].Code;

    [Theory]
    [InlineData("2026-10-01", "2026-10-01", "0-7h")]    // day of birth
    [InlineData("2026-10-01", "2026-10-08", "0-7h")]    // 7 days
    [InlineData("2026-10-01", "2026-10-09", "8-28h")]   // 8 days
    [InlineData("2026-10-01", "2026-10-29", "8-28h")]   // 28 days
    [InlineData("2026-10-01", "2026-10-30", "29h-1t")]  // 29 days
    [InlineData("2025-10-15", "2026-10-14", "29h-1t")]  // the day before the first birthday
    [InlineData("2025-10-15", "2026-10-15", "1-4")]     // first birthday
    [InlineData("2021-10-15", "2026-10-14", "1-4")]     // 4 years 364 days
    [InlineData("2021-10-15", "2026-10-15", "5-9")]
    [InlineData("1966-10-15", "2026-10-14", "55-59")]   // one day before the 60th birthday
    [InlineData("1966-10-15", "2026-10-15", "60-69")]   // 60th birthday on the visit date
    [InlineData("1956-10-15", "2026-10-15", "70+")]
    [InlineData("1930-01-01", "2026-10-15", "70+")]
    public void Bands_count_calendar_age_at_the_visit_date(string birth, string visit, string band)
    {
        Assert.Equal(band, Band(birth, visit));
    }

    [Fact]
    public void Every_59_year_old_is_counted_not_only_those_under_365_day_years()
    {
        // A day-based band (days / 365) would call this person 60: 21,914 days > 60 × 365.
        var age = Age.At(D("1966-10-20"), D("2026-10-15"));

        Assert.Equal(59, age.Years);
        Assert.Equal("55-59", Band("1966-10-20", "2026-10-15"));
    }

    [Fact]
    public void A_29_February_birthday_is_completed_on_1_March_in_common_years()
    {
        Assert.Equal(0, Age.At(D("2024-02-29"), D("2025-02-28")).Years);
        Assert.Equal(1, Age.At(D("2024-02-29"), D("2025-03-01")).Years);
        Assert.Equal(1, Age.At(D("2024-02-29"), D("2025-03-01")).Years);
    }

    [Fact]
    public void Months_are_completed_on_the_same_day_number()
    {
        Assert.Equal(0, Age.At(D("2026-01-31"), D("2026-02-28")).Months);
        Assert.Equal(1, Age.At(D("2026-01-31"), D("2026-03-01")).Months);
        Assert.Equal(11, Age.At(D("2025-11-23"), D("2026-11-22")).Months);
    }

    [Fact]
    public void A_visit_before_birth_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Age.At(D("2026-01-02"), D("2026-01-01")));
    }
}
