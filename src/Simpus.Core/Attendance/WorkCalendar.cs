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

    public int DayIndex(DateOnly date, int rotationOffset) => IsWeekly
        ? ((int)date.DayOfWeek + 6) % 7
        : (((date.DayNumber - Anchor.DayNumber + rotationOffset) % CycleDays) + CycleDays) % CycleDays;
}

/// <summary>Ramadan hours for weekly schedules within a date range.</summary>
public sealed record RamadanHours(DateOnly From, DateOnly To, TimeOnly Start, TimeOnly End, TimeOnly FridayEnd);

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
            start = r.Start;
            end = date.DayOfWeek == DayOfWeek.Friday ? r.FridayEnd : r.End;
        }
        var startAt = date.ToDateTime(start);
        var endAt = date.ToDateTime(end);
        if (endAt <= startAt)
        {
            endAt = endAt.AddDays(1);
        }
        return new Duty(date, startAt, endAt, shift.Label);
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
