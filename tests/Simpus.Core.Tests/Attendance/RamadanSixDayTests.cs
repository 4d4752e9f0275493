using Simpus.Core.Attendance;

namespace Simpus.Core.Tests.Attendance;

/// <summary>Ramadan 1447 H (19 February – 20 March 2026): 5-day and 6-day schedules get their own hours.</summary>
public sealed class RamadanSixDayTests
{
    private static ShiftTimes T(int h1, int m1, int h2, int m2) => new(new TimeOnly(h1, m1), new TimeOnly(h2, m2));

    // The seeded schedules (db/clinic/0004_attendance.sql).
    private static readonly ScheduleRule FiveDay = new(7, new DateOnly(2026, 1, 5), true, true, new Dictionary<int, ShiftTimes>
    {
        [0] = T(7, 30, 16, 0), [1] = T(7, 30, 16, 0), [2] = T(7, 30, 16, 0), [3] = T(7, 30, 16, 0), [4] = T(7, 30, 16, 30),
    });

    private static readonly ScheduleRule SixDay = new(7, new DateOnly(2026, 1, 5), true, true, new Dictionary<int, ShiftTimes>
    {
        [0] = T(7, 30, 14, 30), [1] = T(7, 30, 14, 30), [2] = T(7, 30, 14, 30), [3] = T(7, 30, 14, 30), [4] = T(7, 30, 11, 30), [5] = T(7, 30, 13, 0),
    });

    private static readonly RamadanHours Ramadan1447 = new(new DateOnly(2026, 2, 19), new DateOnly(2026, 3, 20),
        new TimeOnly(8, 0), new TimeOnly(15, 0), new TimeOnly(15, 30), new TimeOnly(8, 0), new TimeOnly(14, 0), new TimeOnly(14, 30));

    private static readonly WorkCalendar Calendar = new(new HashSet<DateOnly>(), [Ramadan1447]);

    private static (TimeOnly, TimeOnly) Hours(ScheduleRule s, DateOnly d)
    {
        var duty = Calendar.DutyOn(s, 0, d)!;
        return (TimeOnly.FromDateTime(duty.Start), TimeOnly.FromDateTime(duty.End));
    }

    private static double WeekHours(ScheduleRule s, DateOnly monday) =>
        Calendar.Duties(s, 0, monday, monday.AddDays(6)).Sum(d => (d.End - d.Start).TotalHours);

    [Fact]
    public void A_six_day_unit_works_8_to_14_and_Friday_until_14_30_in_Ramadan()
    {
        var monday = new DateOnly(2026, 2, 23);

        Assert.Equal((new TimeOnly(8, 0), new TimeOnly(14, 0)), Hours(SixDay, monday));
        Assert.Equal((new TimeOnly(8, 0), new TimeOnly(14, 0)), Hours(SixDay, monday.AddDays(3)));   // Thursday
        Assert.Equal((new TimeOnly(8, 0), new TimeOnly(14, 30)), Hours(SixDay, monday.AddDays(4)));  // Friday
        Assert.Equal((new TimeOnly(8, 0), new TimeOnly(14, 0)), Hours(SixDay, monday.AddDays(5)));   // Saturday
        Assert.Null(Calendar.DutyOn(SixDay, 0, monday.AddDays(6)));                                   // Sunday
    }

    [Fact]
    public void A_five_day_unit_keeps_8_to_15_and_Friday_until_15_30()
    {
        var monday = new DateOnly(2026, 3, 9);

        Assert.Equal((new TimeOnly(8, 0), new TimeOnly(15, 0)), Hours(FiveDay, monday));
        Assert.Equal((new TimeOnly(8, 0), new TimeOnly(15, 30)), Hours(FiveDay, monday.AddDays(4)));
    }

    [Fact]
    public void Ramadan_1447_ends_on_20_March_2026_the_day_before_1_Syawal()
    {
        Assert.Equal((new TimeOnly(8, 0), new TimeOnly(14, 30)), Hours(SixDay, new DateOnly(2026, 3, 20)));   // Friday, last day of Ramadan
        Assert.Equal((new TimeOnly(7, 30), new TimeOnly(13, 0)), Hours(SixDay, new DateOnly(2026, 3, 21)));   // Saturday 1 Syawal (holiday list aside)
    }

    [Fact]
    public void A_six_day_unit_is_never_planned_longer_in_Ramadan_than_outside_it()
    {
        var outside = WeekHours(SixDay, new DateOnly(2026, 1, 12));
        for (var monday = new DateOnly(2026, 2, 23); monday.AddDays(6) <= new DateOnly(2026, 3, 20); monday = monday.AddDays(7))
        {
            Assert.True(WeekHours(SixDay, monday) <= outside, $"week of {monday}: {WeekHours(SixDay, monday)} h > {outside} h");
        }
        Assert.Equal(37.5, outside);
        Assert.Equal(36.5, WeekHours(SixDay, new DateOnly(2026, 2, 23)));
    }

    [Fact]
    public void Ramadan_hours_that_would_lengthen_a_short_week_are_cut_to_each_day_s_normal_length()
    {
        // A 6-day unit with short days (5 h, Friday 3 h): 6-day Ramadan hours would plan 6 h a day.
        var shortWeek = new ScheduleRule(7, new DateOnly(2026, 1, 5), true, true, new Dictionary<int, ShiftTimes>
        {
            [0] = T(8, 0, 13, 0), [1] = T(8, 0, 13, 0), [2] = T(8, 0, 13, 0), [3] = T(8, 0, 13, 0), [4] = T(8, 0, 11, 0), [5] = T(8, 0, 13, 0),
        });

        Assert.Equal((new TimeOnly(8, 0), new TimeOnly(13, 0)), Hours(shortWeek, new DateOnly(2026, 2, 23)));
        Assert.Equal((new TimeOnly(8, 0), new TimeOnly(11, 0)), Hours(shortWeek, new DateOnly(2026, 2, 27)));
        Assert.True(WeekHours(shortWeek, new DateOnly(2026, 2, 23)) <= WeekHours(shortWeek, new DateOnly(2026, 1, 12)));
    }
}
