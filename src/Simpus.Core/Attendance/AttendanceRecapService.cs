using Dapper;
using Simpus.Core.Common;
using Simpus.Core.Data;
using Simpus.Core.Settings;

namespace Simpus.Core.Attendance;

/// <summary>One day of one employee in detail: planned duty, arrival and departure (local 'HH:mm'), the code.</summary>
public sealed record AttendanceDay(DateOnly Date, string? Code, string? DutyStart, string? DutyEnd, string? Arrival, string? Departure,
    int MinutesLate, int MinutesEarly, IReadOnlyList<string> Punches);

/// <summary>
/// Builds the monthly recap from staff, schedules, holidays, Ramadan hours, absences and punches: every employee active in the
/// month gets a day grid and totals, every unit its totals. Days after today (puskesmas time) stay empty.
/// </summary>
public sealed class AttendanceRecapService(Database db, SettingsStore settings, WorkSetupService setup, TimeProvider clock)
{
    /// <summary>For callers outside the clinic's DI (e.g. a report job): the schedules service is made from the same database.</summary>
    public AttendanceRecapService(Database db, SettingsStore settings, TimeProvider clock)
        : this(db, settings, new WorkSetupService(db, settings), clock)
    {
    }

    public AttendanceRecap Build(int year, int month)
    {
        var (first, last) = MonthRange(year, month);
        var evaluated = Evaluate(first, last, null);
        var employees = evaluated.Select(e => Totals(e.Staff, e.Days.Select(d => d.Status).ToList())).ToList();
        var unitOrder = setup.Units().Select((u, i) => (u.Name, i)).ToDictionary(x => x.Name, x => x.i);
        var units = employees.GroupBy(e => e.Unit)
            .OrderBy(g => unitOrder.GetValueOrDefault(g.Key, int.MaxValue)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var hadir = g.Sum(e => e.Hadir);
                var punctual = g.Sum(e => PunctualDays(e));
                return new UnitRecap(g.Key, g.Count(), g.Sum(e => e.WorkingDays), hadir, g.Sum(e => e.Sakit), g.Sum(e => e.Izin),
                    g.Sum(e => e.Cuti), g.Sum(e => e.DinasLuar), g.Sum(e => e.TugasBelajar), g.Sum(e => e.TanpaKeterangan),
                    g.Sum(e => e.Terlambat), g.Sum(e => e.PulangCepat), g.Sum(e => e.MinutesLate), Rate(punctual, hadir));
            }).ToList();
        return new AttendanceRecap(year, month, employees, units);
    }

    /// <summary>One employee's month day by day, for checking a code against the punches.</summary>
    public IReadOnlyList<AttendanceDay> Days(long staffId, int year, int month)
    {
        var (first, last) = MonthRange(year, month);
        var e = Evaluate(first, last, staffId).SingleOrDefault()
            ?? throw new NotFoundException("staff.notFound", "Pegawai tidak ditemukan atau tidak aktif pada bulan ini.");
        return e.Days.Select(d => new AttendanceDay(d.Date, d.Status.Code, Hm(d.Duty?.Start), Hm(d.Duty?.End), Hm(d.Status.Arrival),
            Hm(d.Status.Departure), d.Status.MinutesLate, d.Status.MinutesEarly, d.Punches.Select(p => Hm(p)!).ToList())).ToList();
    }

    internal static (DateOnly First, DateOnly Last) MonthRange(int year, int month)
    {
        if (year is < 2000 or > 2100 || month is < 1 or > 12)
        {
            throw ValidationFailedException.For("month", "month.invalid", "Bulan harus berformat YYYY-MM, contoh 2026-11.");
        }
        var first = new DateOnly(year, month, 1);
        return (first, first.AddMonths(1).AddDays(-1));
    }

    private sealed record EvaluatedDay(DateOnly Date, Duty? Duty, DayStatus Status, IReadOnlyList<DateTime> Punches);

    private sealed record EvaluatedStaff(StaffRow Staff, IReadOnlyList<EvaluatedDay> Days);

    private sealed record StaffRow
    {
        public long Id { get; init; }
        public string? Nip { get; init; }
        public string Name { get; init; } = "";
        public string Position { get; init; } = "";
        public string Unit { get; init; } = "";
        public long ScheduleId { get; init; }
        public int RotationOffset { get; init; }
        public DateOnly ActiveFrom { get; init; }
        public DateOnly? ActiveTo { get; init; }
    }

    private List<EvaluatedStaff> Evaluate(DateOnly first, DateOnly last, long? onlyStaff)
    {
        var tz = settings.Get().TimeZone;
        var offset = TimeZones.Offset(tz);
        var bands = setup.GetSettings().Bands;
        var nowLocal = TimeZones.ToLocal(clock.GetUtcNow(), tz).DateTime;
        var calendar = setup.Calendar(first.AddDays(-1), last.AddDays(1));
        var schedules = setup.Schedules().ToDictionary(s => s.Id, s => s.ToRule());
        var windowStart = new DateTimeOffset(first.AddDays(-1).ToDateTime(TimeOnly.MinValue), offset);
        var windowEnd = new DateTimeOffset(last.AddDays(2).ToDateTime(TimeOnly.MinValue), offset);

        using var c = db.Open();
        var staff = c.Query<StaffRow>("""
            SELECT s.id, s.nip, s.name, s.position, s.unit, COALESCE(s.schedule_id, u.schedule_id) AS ScheduleId,
                   s.rotation_offset AS RotationOffset, s.active_from AS ActiveFrom, s.active_to AS ActiveTo
            FROM staff s JOIN staff_units u ON u.name = s.unit
            WHERE s.active_from <= @last AND (s.active_to IS NULL OR s.active_to >= @first) AND (@onlyStaff IS NULL OR s.id = @onlyStaff)
            ORDER BY u.sort_order, u.name, s.nip IS NULL, s.name
            """, new { first, last, onlyStaff }).ToList();
        var punches = c.Query<(long StaffId, DateTimeOffset At)>("""
            SELECT staff_id, punched_at FROM attendance_punches
            WHERE punched_at >= @windowStart AND punched_at < @windowEnd AND (@onlyStaff IS NULL OR staff_id = @onlyStaff)
            """, new { windowStart, windowEnd, onlyStaff })
            .ToLookup(p => p.StaffId, p => p.At.ToOffset(offset).DateTime);
        var absences = c.Query<(long StaffId, string Code, DateOnly From, DateOnly To)>("""
            SELECT staff_id, code, from_date, to_date FROM staff_absences
            WHERE to_date >= @first AND from_date <= @last AND (@onlyStaff IS NULL OR staff_id = @onlyStaff)
            """, new { first, last, onlyStaff }).ToLookup(a => a.StaffId);

        var result = new List<EvaluatedStaff>();
        foreach (var s in staff)
        {
            var rule = schedules[s.ScheduleId];
            var duties = calendar.Duties(rule, s.RotationOffset, first.AddDays(-1), last.AddDays(1));
            var byDay = duties.ToDictionary(d => d.Date);
            var assigned = PunchAttribution.Assign(duties, punches[s.Id]);
            var days = new List<EvaluatedDay>();
            for (var d = first; d <= last; d = d.AddDays(1))
            {
                var duty = byDay.GetValueOrDefault(d);
                var mine = assigned.TryGetValue(d, out var list) ? (IReadOnlyList<DateTime>)list : [];
                var active = s.ActiveFrom <= d && (s.ActiveTo is null || d <= s.ActiveTo);
                var absence = absences[s.Id].FirstOrDefault(a => a.From <= d && d <= a.To).Code;
                var status = DailyStatusRules.Evaluate(duty, active, absence, mine, d, nowLocal, bands);
                days.Add(new EvaluatedDay(d, duty, status, mine.Order().ToList()));
            }
            result.Add(new EvaluatedStaff(s, days));
        }
        return result;
    }

    private static EmployeeRecap Totals(StaffRow s, IReadOnlyList<DayStatus> days)
    {
        int Count(string code) => days.Count(d => d.Code == code);
        var hadir = days.Count(d => d.Present);
        var punctual = days.Count(d => d.Present && !d.Late && !d.LeftEarly);
        return new EmployeeRecap(s.Nip, s.Name, s.Position, s.Unit, days.Select(d => d.Code).ToList(),
            WorkingDays: days.Count(d => d.Working),
            Hadir: hadir,
            Sakit: Count(AbsenceCodes.Sakit),
            Izin: Count(AbsenceCodes.Izin),
            Cuti: Count(AbsenceCodes.Cuti),
            DinasLuar: Count(AbsenceCodes.DinasLuar),
            TugasBelajar: Count(AbsenceCodes.TugasBelajar),
            TanpaKeterangan: Count("TK"),
            Terlambat: days.Count(d => d.Late),
            PulangCepat: days.Count(d => d.LeftEarly),
            MinutesLate: days.Sum(d => d.MinutesLate),
            PunctualityRate: Rate(punctual, hadir));
    }

    private static int PunctualDays(EmployeeRecap e) =>
        e.Days.Count(code => code == "H");

    private static double Rate(int punctual, int present) => present == 0 ? 0 : Math.Round(100.0 * punctual / present, 1);

    private static string? Hm(DateTime? t) => t?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
