namespace Simpus.Core.Attendance;

/// <summary>One working day of a schedule's cycle: local start and end ('end &lt;= start' crosses midnight).</summary>
public sealed record ShiftTimes(TimeOnly Start, TimeOnly End, string? Label = null);

/// <summary>
/// A schedule as the rules see it: a cycle of days (7 = weekly from Monday; otherwise a rotation counted from
/// <see cref="Anchor"/>), the shifts of its working days, and whether holidays and Ramadan hours apply.
/// </summary>
public sealed record ScheduleRule(int CycleDays, DateOnly Anchor, bool ObservesHolidays, bool RamadanHours,
    IReadOnlyDictionary<int, ShiftTimes> Days)
{
    public bool IsWeekly => CycleDays == 7;

    /// <summary>A weekly schedule with a working Saturday: it gets the 6-day Ramadan hours.</summary>
    public bool IsSixDay => IsWeekly && Days.ContainsKey(5);

    /// <summary>Planned minutes of a normal (non-Ramadan, holiday-free) week of a weekly schedule.</summary>
    public int WeekMinutes => Days.Values.Sum(Minutes);

    internal static int Minutes(ShiftTimes s)
    {
        var m = (int)(s.End - s.Start).TotalMinutes;
        return m <= 0 ? m + 24 * 60 : m;
    }

    public int DayIndex(DateOnly date, int rotationOffset) => IsWeekly
        ? ((int)date.DayOfWeek + 6) % 7
        : (((date.DayNumber - Anchor.DayNumber + rotationOffset) % CycleDays) + CycleDays) % CycleDays;
}

/// <summary>
/// Ramadan hours for weekly schedules within a date range: for 5-day schedules <see cref="Start"/>–<see cref="End"/>
/// (Friday until <see cref="FridayEnd"/>); for 6-day schedules (those working on Saturday) <see cref="SixStart"/>–<see cref="SixEnd"/>
/// on Monday–Thursday and Saturday, Friday until <see cref="SixFridayEnd"/>.
/// </summary>
public sealed record RamadanHours(DateOnly From, DateOnly To, TimeOnly Start, TimeOnly End, TimeOnly FridayEnd,
    TimeOnly SixStart, TimeOnly SixEnd, TimeOnly SixFridayEnd)
{
    public RamadanHours(DateOnly from, DateOnly to, TimeOnly start, TimeOnly end, TimeOnly fridayEnd)
        : this(from, to, start, end, fridayEnd, new TimeOnly(8, 0), new TimeOnly(14, 0), new TimeOnly(14, 30))
    {
    }
}

/// <summary>Plans duties from a schedule, the holiday list and the Ramadan periods (pure).</summary>
public sealed class WorkCalendar(IReadOnlySet<DateOnly> holidays, IReadOnlyList<RamadanHours> ramadan)
{
    public static readonly WorkCalendar Empty = new(new HashSet<DateOnly>(), []);

    public bool IsHoliday(DateOnly date) => holidays.Contains(date);

    /// <summary>The duty starting on <paramref name="date"/>, or null for a day off or a holiday.</summary>
    public Duty? DutyOn(ScheduleRule schedule, int rotationOffset, DateOnly date)
    {
        if (!schedule.Days.TryGetValue(schedule.DayIndex(date, rotationOffset), out var shift))
        {
            return null;
        }
        if (schedule.ObservesHolidays && holidays.Contains(date))
        {
            return null;
        }
        var start = shift.Start;
        var end = shift.End;
        if (schedule.RamadanHours && schedule.IsWeekly && ramadan.FirstOrDefault(r => r.From <= date && date <= r.To) is { } r)
        {
            (start, end) = RamadanShift(schedule, r, date.DayOfWeek, shift);
        }
        var startAt = date.ToDateTime(start);
        var endAt = date.ToDateTime(end);
        if (endAt <= startAt)
        {
            endAt = endAt.AddDays(1);
        }
        return new Duty(date, startAt, endAt, shift.Label);
    }

    /// <summary>
    /// The Ramadan hours of one day: the 5-day or 6-day hours by the schedule's kind. A week is never planned longer in Ramadan
    /// than outside it: when the Ramadan hours would make the schedule's week longer than its normal week, each day is cut to
    /// no longer than its normal length.
    /// </summary>
    public static (TimeOnly Start, TimeOnly End) RamadanShift(ScheduleRule schedule, RamadanHours r, DayOfWeek day, ShiftTimes normal)
    {
        (TimeOnly Start, TimeOnly End) Hours(DayOfWeek d) => schedule.IsSixDay
            ? (r.SixStart, d == DayOfWeek.Friday ? r.SixFridayEnd : r.SixEnd)
            : (r.Start, d == DayOfWeek.Friday ? r.FridayEnd : r.End);
        var (start, end) = Hours(day);
        var ramadanWeek = schedule.Days.Sum(kv =>
        {
            var (s, e) = Hours((DayOfWeek)((kv.Key + 1) % 7));
            return ScheduleRule.Minutes(new ShiftTimes(s, e));
        });
        if (ramadanWeek > schedule.WeekMinutes)
        {
            var limit = ScheduleRule.Minutes(normal);
            if (ScheduleRule.Minutes(new ShiftTimes(start, end)) > limit)
            {
                end = start.AddMinutes(limit);
            }
        }
        return (start, end);
    }

    /// <summary>Every duty starting in [from, to].</summary>
    public List<Duty> Duties(ScheduleRule schedule, int rotationOffset, DateOnly from, DateOnly to)
    {
        var list = new List<Duty>();
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            if (DutyOn(schedule, rotationOffset, d) is { } duty)
            {
                list.Add(duty);
            }
        }
        return list;
    }
}
