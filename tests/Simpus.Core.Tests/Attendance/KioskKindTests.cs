using Simpus.Core.Attendance;

namespace Simpus.Core.Tests.Attendance;

public sealed class KioskKindTests
{
    private static readonly ScheduleRule Regular = new(7, new DateOnly(2026, 1, 5), true, true, Enumerable.Range(0, 5)
        .ToDictionary(i => i, _ => new ShiftTimes(new TimeOnly(7, 30), new TimeOnly(16, 0))));

    private static readonly ScheduleRule Night = new(1, new DateOnly(2026, 1, 5), false, false, new Dictionary<int, ShiftTimes>
    {
        [0] = new(new TimeOnly(21, 0), new TimeOnly(7, 0)),
    });

    private static DateTime At(int day, int hour, int minute) => new(2026, 11, day, hour, minute, 0);

    [Fact]
    public void Morning_after_yesterdays_clock_out_is_masuk_again()
    {
        var kind = PunchService.KindOf(WorkCalendar.Empty, Regular, 0, [At(2, 7, 20), At(2, 16, 5)], At(3, 7, 15));

        Assert.Equal("masuk", kind);
    }

    [Fact]
    public void Second_punch_of_the_day_duty_is_pulang()
    {
        Assert.Equal("pulang", PunchService.KindOf(WorkCalendar.Empty, Regular, 0, [At(3, 7, 15)], At(3, 16, 2)));
    }

    [Fact]
    public void Night_shift_clock_out_the_next_morning_is_pulang_and_the_next_evening_masuk()
    {
        Assert.Equal("pulang", PunchService.KindOf(WorkCalendar.Empty, Night, 0, [At(3, 20, 50)], At(4, 7, 5)));
        Assert.Equal("masuk", PunchService.KindOf(WorkCalendar.Empty, Night, 0, [At(3, 20, 50), At(4, 7, 5)], At(4, 20, 55)));
    }
}
