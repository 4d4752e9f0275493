using Simpus.Core.Attendance;

namespace Simpus.Core.Tests.Attendance;

public sealed class WorkCalendarTests
{
    private static readonly ScheduleRule Regular = new(7, new DateOnly(2026, 1, 5), true, true, new Dictionary<int, ShiftTimes>
    {
        [0] = new(new TimeOnly(7, 30), new TimeOnly(16, 0)),
        [1] = new(new TimeOnly(7, 30), new TimeOnly(16, 0)),
        [2] = new(new TimeOnly(7, 30), new TimeOnly(16, 0)),
        [3] = new(new TimeOnly(7, 30), new TimeOnly(16, 0)),
        [4] = new(new TimeOnly(7, 30), new TimeOnly(16, 30)),
    });

    // Pagi, siang, malam (21:00–07:00), libur, libur; day 0 of the cycle on Monday 5 January 2026.
    private static readonly ScheduleRule Rotation = new(5, new DateOnly(2026, 1, 5), false, false, new Dictionary<int, ShiftTimes>
    {
        [0] = new(new TimeOnly(7, 0), new TimeOnly(14, 0), "Pagi"),
        [1] = new(new TimeOnly(14, 0), new TimeOnly(21, 0), "Siang"),
        [2] = new(new TimeOnly(21, 0), new TimeOnly(7, 0), "Malam"),
    });

    [Fact]
    public void Weekly_pattern_runs_Monday_to_Friday_with_a_longer_Friday()
    {
        var calendar = WorkCalendar.Empty;

        var friday = calendar.DutyOn(Regular, 0, new DateOnly(2026, 11, 6));

        Assert.NotNull(calendar.DutyOn(Regular, 0, new DateOnly(2026, 11, 2)));
        Assert.Equal(new DateTime(2026, 11, 6, 16, 30, 0), friday!.End);
        Assert.Null(calendar.DutyOn(Regular, 0, new DateOnly(2026, 11, 7)));
        Assert.Null(calendar.DutyOn(Regular, 0, new DateOnly(2026, 11, 8)));
    }

    [Fact]
    public void A_holiday_is_not_a_working_day_for_weekly_schedules_but_is_for_the_24_hour_rotation()
    {
        var independence = new DateOnly(2026, 8, 17);
        var calendar = new WorkCalendar(new HashSet<DateOnly> { independence }, []);

        Assert.Null(calendar.DutyOn(Regular, 0, independence));
        Assert.True(calendar.IsHoliday(independence));
        Assert.Equal("Pagi", calendar.DutyOn(Rotation, 1, independence)?.Label); // 224 days after the anchor: day 0 of the cycle with offset 1
    }

    [Fact]
    public void Ramadan_hours_replace_the_weekly_hours_within_the_period()
    {
        var calendar = new WorkCalendar(new HashSet<DateOnly>(),
            [new RamadanHours(new DateOnly(2026, 2, 19), new DateOnly(2026, 3, 19), new TimeOnly(8, 0), new TimeOnly(15, 0), new TimeOnly(15, 30))]);

        var monday = calendar.DutyOn(Regular, 0, new DateOnly(2026, 2, 23))!;
        var friday = calendar.DutyOn(Regular, 0, new DateOnly(2026, 2, 27))!;
        var after = calendar.DutyOn(Regular, 0, new DateOnly(2026, 3, 30))!;

        Assert.Equal((new TimeOnly(8, 0), new TimeOnly(15, 0)), (TimeOnly.FromDateTime(monday.Start), TimeOnly.FromDateTime(monday.End)));
        Assert.Equal(new TimeOnly(15, 30), TimeOnly.FromDateTime(friday.End));
        Assert.Equal(new TimeOnly(7, 30), TimeOnly.FromDateTime(after.Start));
    }

    [Fact]
    public void Rotation_follows_the_cycle_shifted_by_the_employee_offset()
    {
        var calendar = WorkCalendar.Empty;
        var anchor = new DateOnly(2026, 1, 5);

        var labels = Enumerable.Range(0, 6).Select(i => calendar.DutyOn(Rotation, 0, anchor.AddDays(i))?.Label ?? "-").ToList();
        var shifted = calendar.DutyOn(Rotation, 2, anchor)!;
        var before = calendar.DutyOn(Rotation, 0, anchor.AddDays(-3))!;

        Assert.Equal(["Pagi", "Siang", "Malam", "-", "-", "Pagi"], labels);
        Assert.Equal("Malam", shifted.Label);
        Assert.Equal("Malam", before.Label);
    }

    [Fact]
    public void Night_shift_ends_the_next_morning_and_its_punches_belong_to_the_evening_duty()
    {
        var night = new DateOnly(2026, 1, 7);
        var duties = WorkCalendar.Empty.Duties(Rotation, 0, night.AddDays(-2), night.AddDays(3));
        var duty = duties.Single(d => d.Date == night);
        var arrive = night.ToDateTime(new TimeOnly(20, 48));
        var leave = night.AddDays(1).ToDateTime(new TimeOnly(7, 4));

        var assigned = PunchAttribution.Assign(duties, [leave, arrive]);
        var status = DailyStatusRules.Evaluate(duty, true, null, assigned[night], night, night.AddDays(5).ToDateTime(TimeOnly.MinValue), LatenessBands.Default);

        Assert.Equal(night.AddDays(1).ToDateTime(new TimeOnly(7, 0)), duty.End);
        Assert.False(assigned.ContainsKey(night.AddDays(1)));
        Assert.Equal("H", status.Code);
        Assert.Equal(leave, status.Departure);
    }

    [Fact]
    public void Punches_far_from_any_duty_are_ignored()
    {
        var saturday = new DateOnly(2026, 11, 7);
        var duties = WorkCalendar.Empty.Duties(Regular, 0, saturday.AddDays(-1), saturday.AddDays(2));

        var assigned = PunchAttribution.Assign(duties, [saturday.ToDateTime(new TimeOnly(10, 0))]);

        Assert.Empty(assigned);
    }
}
