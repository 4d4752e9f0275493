using Simpus.Core.Attendance;

namespace Simpus.Core.Tests.Attendance;

public sealed class DailyStatusRulesTests
{
    private static readonly DateOnly Monday = new(2026, 11, 2);
    private static readonly DateTime Later = new(2026, 11, 30, 12, 0, 0);
    private static readonly Duty Regular = new(Monday, Monday.ToDateTime(new TimeOnly(7, 30)), Monday.ToDateTime(new TimeOnly(16, 0)));

    private static DateTime At(int hour, int minute, int second = 0) => Monday.ToDateTime(new TimeOnly(hour, minute, second));

    private static DayStatus Day(params DateTime[] punches) =>
        DailyStatusRules.Evaluate(Regular, true, null, punches, Monday, Later, LatenessBands.Default);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(30, 1)]
    [InlineData(31, 2)]
    [InlineData(60, 2)]
    [InlineData(61, 3)]
    [InlineData(90, 3)]
    [InlineData(91, 4)]
    [InlineData(400, 4)]
    public void Default_bands_are_1_30_31_60_61_90_and_91_or_more(int minutes, int band) =>
        Assert.Equal(band, LatenessBands.Default.BandOf(minutes));

    [Fact]
    public void Bands_are_configurable_and_must_increase()
    {
        var strict = LatenessBands.Parse("15, 30, 45");

        Assert.NotNull(strict);
        Assert.Equal(2, strict.BandOf(20));
        Assert.Equal(4, strict.BandOf(46));
        Assert.Null(LatenessBands.Parse("30,20,90"));
        Assert.Null(LatenessBands.Parse("tiga puluh"));
    }

    [Fact]
    public void Arrival_before_start_and_departure_after_end_is_H()
    {
        var day = Day(At(7, 21), At(16, 5));

        Assert.Equal("H", day.Code);
        Assert.True(day.Present);
        Assert.Equal(0, day.MinutesLate);
    }

    [Fact]
    public void Seconds_within_the_start_minute_are_not_late()
    {
        Assert.Equal("H", Day(At(7, 30, 59), At(16, 0)).Code);
        Assert.Equal("TL1", Day(At(7, 31), At(16, 0)).Code);
    }

    [Theory]
    [InlineData(7, 45, "TL1", 15)]
    [InlineData(8, 30, "TL2", 60)]
    [InlineData(8, 31, "TL3", 61)]
    [InlineData(9, 1, "TL4", 91)]
    public void Late_arrival_gets_its_band_and_minutes(int hour, int minute, string code, int minutes)
    {
        var day = Day(At(hour, minute), At(16, 10));

        Assert.Equal(code, day.Code);
        Assert.Equal(minutes, day.MinutesLate);
    }

    [Theory]
    [InlineData(15, 45, "PSW1")]
    [InlineData(15, 0, "PSW2")]
    [InlineData(14, 59, "PSW3")]
    [InlineData(12, 0, "PSW4")]
    public void Early_departure_gets_its_band(int hour, int minute, string code) =>
        Assert.Equal(code, Day(At(7, 20), At(hour, minute)).Code);

    [Fact]
    public void Late_and_early_on_the_same_day_shows_both()
    {
        var day = Day(At(8, 0), At(15, 40));

        Assert.Equal("TL1/PSW1", day.Code);
        Assert.True(day.Late && day.LeftEarly);
    }

    [Fact]
    public void First_punch_is_arrival_and_last_is_departure_whatever_their_order()
    {
        var day = Day(At(16, 2), At(12, 0), At(7, 25), At(7, 25, 10));

        Assert.Equal("H", day.Code);
        Assert.Equal(At(7, 25), day.Arrival);
        Assert.Equal(At(16, 2), day.Departure);
    }

    [Fact]
    public void A_single_morning_punch_is_the_arrival_and_the_missing_departure_is_PSW4()
    {
        var day = Day(At(7, 10));

        Assert.Equal("PSW4", day.Code);
        Assert.True(day.Present);
        Assert.Null(day.Departure);
    }

    [Fact]
    public void A_single_afternoon_punch_is_the_departure_and_the_missing_arrival_is_TL4()
    {
        var day = Day(At(16, 3));

        Assert.Equal("TL4", day.Code);
        Assert.Null(day.Arrival);
        Assert.Equal(0, day.MinutesLate);
    }

    [Fact]
    public void No_punch_on_a_past_working_day_is_TK()
    {
        var day = Day();

        Assert.Equal("TK", day.Code);
        Assert.True(day.Working);
        Assert.False(day.Present);
    }

    [Fact]
    public void Today_is_not_final_no_TK_and_no_missing_departure_until_the_day_is_over()
    {
        var noon = At(12, 0);
        var evening = At(20, 0);

        var absent = DailyStatusRules.Evaluate(Regular, true, null, [], Monday, noon, LatenessBands.Default);
        var absentEvening = DailyStatusRules.Evaluate(Regular, true, null, [], Monday, evening, LatenessBands.Default);
        var arrived = DailyStatusRules.Evaluate(Regular, true, null, [At(7, 50)], Monday, evening, LatenessBands.Default);
        var tomorrow = DailyStatusRules.Evaluate(Regular, true, null, [At(7, 50)], Monday, evening.AddDays(1), LatenessBands.Default);

        Assert.Null(absent.Code);
        Assert.Null(absentEvening.Code);
        Assert.Equal("TL1", arrived.Code);
        Assert.Equal("TL1/PSW4", tomorrow.Code);
    }

    [Fact]
    public void An_absence_wins_over_punches_and_counts_as_a_working_day()
    {
        var day = DailyStatusRules.Evaluate(Regular, true, "DL", [At(7, 0)], Monday, Later, LatenessBands.Default);

        Assert.Equal("DL", day.Code);
        Assert.True(day.Working);
        Assert.False(day.Present);
    }

    [Fact]
    public void No_duty_is_L_and_outside_the_active_period_or_in_the_future_is_empty()
    {
        Assert.Equal("L", DailyStatusRules.Evaluate(null, true, "C", [], Monday, Later, LatenessBands.Default).Code);
        Assert.Null(DailyStatusRules.Evaluate(Regular, false, null, [At(7, 0)], Monday, Later, LatenessBands.Default).Code);
        Assert.Null(DailyStatusRules.Evaluate(Regular, true, null, [], Monday, At(6, 0).AddDays(-1), LatenessBands.Default).Code);
    }
}
