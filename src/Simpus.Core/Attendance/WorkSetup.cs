using System.Globalization;
using System.Text.Json;
using Dapper;
using Simpus.Core.Common;
using Simpus.Core.Data;
using Simpus.Core.Settings;

namespace Simpus.Core.Attendance;

public sealed record ScheduleDay
{
    /// <summary>Weekly schedules: 0 = Monday .. 6 = Sunday. Rotations: day of the cycle.</summary>
    public int DayIndex { get; init; }
    public string? Label { get; init; }
    /// <summary>'HH:mm' local.</summary>
    public string Start { get; init; } = "";
    /// <summary>'HH:mm' local; not after <see cref="Start"/> means the next day (night shift).</summary>
    public string End { get; init; } = "";
}

public sealed record WorkSchedule
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    /// <summary>7 = weekly pattern from Monday; other lengths = a shift rotation counted from <see cref="AnchorDate"/>.</summary>
    public int CycleDays { get; init; } = 7;
    public DateOnly AnchorDate { get; init; } = new(2026, 1, 5);
    public bool ObservesHolidays { get; init; } = true;
    public bool RamadanHours { get; init; } = true;
    public IReadOnlyList<ScheduleDay> Days { get; init; } = [];

    public ScheduleRule ToRule() => new(CycleDays, AnchorDate, ObservesHolidays, RamadanHours,
        Days.ToDictionary(d => d.DayIndex, d => new ShiftTimes(ParseTime(d.Start), ParseTime(d.End), d.Label)));

    internal static TimeOnly ParseTime(string text) => TimeOnly.ParseExact(text, "HH:mm", CultureInfo.InvariantCulture);
}

public sealed record StaffUnit
{
    public string Name { get; init; } = "";
    public long ScheduleId { get; init; }
    public int SortOrder { get; init; }
}

public sealed record Holiday
{
    public DateOnly Date { get; init; }
    public string Name { get; init; } = "";
    /// <summary>nasional, cuti_bersama or lokal.</summary>
    public string Kind { get; init; } = "nasional";
}

public sealed record RamadanPeriod
{
    public long Id { get; init; }
    public DateOnly StartDate { get; init; }
    public DateOnly EndDate { get; init; }
    public string StartTime { get; init; } = "08:00";
    public string EndTime { get; init; } = "15:00";
    public string FridayEnd { get; init; } = "15:30";
    /// <summary>6-day schedules (working on Saturday): start on Monday–Saturday.</summary>
    public string SixDayStartTime { get; init; } = "08:00";
    /// <summary>6-day schedules: end on Monday–Thursday and Saturday.</summary>
    public string SixDayEndTime { get; init; } = "14:00";
    /// <summary>6-day schedules: end on Friday.</summary>
    public string SixDayFridayEnd { get; init; } = "14:30";
}

/// <summary>The settings of the attendance capability: the TL/PSW bands and the default CSV layout of the fingerprint machine.</summary>
public sealed record AttendanceSettings
{
    public int Band1Max { get; init; } = 30;
    public int Band2Max { get; init; } = 60;
    public int Band3Max { get; init; } = 90;
    public CsvLayout CsvLayout { get; init; } = new();

    public LatenessBands Bands => new(Band1Max, Band2Max, Band3Max);
}

/// <summary>Schedules, units, holidays, Ramadan hours and the capability's settings.</summary>
public sealed class WorkSetupService(Database db, SettingsStore settings)
{
    private const string BandsKey = "attendance.bands";
    private const string LayoutKey = "attendance.csvLayout";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public AttendanceSettings GetSettings()
    {
        var bands = LatenessBands.Parse(settings.GetValue(BandsKey)) ?? LatenessBands.Default;
        CsvLayout layout;
        try
        {
            layout = settings.GetValue(LayoutKey) is { } json ? JsonSerializer.Deserialize<CsvLayout>(json, Json) ?? new() : new();
        }
        catch (JsonException)
        {
            layout = new();
        }
        return new AttendanceSettings { Band1Max = bands.Band1Max, Band2Max = bands.Band2Max, Band3Max = bands.Band3Max, CsvLayout = layout };
    }

    public AttendanceSettings SaveSettings(AttendanceSettings input)
    {
        var v = new Validation();
        if (!input.Bands.IsValid)
        {
            v.Add("band1Max", "bands.invalid", "Batas menit TL/PSW harus naik: misalnya 30, 60, 90.");
        }
        v.AddRange(input.CsvLayout.Validate().Select(e => e with { Field = "csvLayout." + e.Field }));
        v.ThrowIfAny();
        settings.SetValue(BandsKey, input.Bands.ToString());
        settings.SetValue(LayoutKey, JsonSerializer.Serialize(input.CsvLayout, Json));
        return GetSettings();
    }

    public IReadOnlyList<WorkSchedule> Schedules()
    {
        using var c = db.Open();
        var days = c.Query<(long ScheduleId, long DayIndex, string? Label, string Start, string End)>(
            "SELECT schedule_id, day_index, label, start_time, end_time FROM work_schedule_days ORDER BY schedule_id, day_index")
            .ToLookup(d => d.ScheduleId);
        return c.Query<WorkSchedule>("""
            SELECT id, name, cycle_days AS CycleDays, anchor_date AS AnchorDate, observes_holidays AS ObservesHolidays, ramadan_hours AS RamadanHours
            FROM work_schedules ORDER BY id
            """).Select(s => s with
        {
            Days = days[s.Id].Select(d => new ScheduleDay { DayIndex = (int)d.DayIndex, Label = d.Label, Start = d.Start, End = d.End }).ToList(),
        }).ToList();
    }

    public WorkSchedule SaveSchedule(long? id, WorkSchedule input)
    {
        var v = new Validation();
        var name = Text.Clean(input.Name);
        if (name is null || name.Length > 80)
        {
            v.Add("name", "name.required", "Nama jadwal wajib diisi.");
        }
        if (input.CycleDays is < 1 or > 28)
        {
            v.Add("cycleDays", "cycleDays.invalid", "Panjang siklus 1–28 hari (7 = pola mingguan).");
        }
        DateRange.Check(v, "anchorDate", input.AnchorDate);
        var seen = new HashSet<int>();
        for (var i = 0; i < input.Days.Count; i++)
        {
            var d = input.Days[i];
            if (d.DayIndex < 0 || d.DayIndex >= input.CycleDays || !seen.Add(d.DayIndex))
            {
                v.Add($"days[{i}].dayIndex", "day.index", $"Hari ke-{d.DayIndex} di luar siklus atau ganda.");
            }
            if (!IsTime(d.Start) || !IsTime(d.End) || d.Start == d.End)
            {
                v.Add($"days[{i}].start", "day.time", "Jam masuk dan pulang berformat HH:mm dan tidak sama.");
            }
        }
        v.ThrowIfAny();
        var saved = db.InTransaction((c, t) =>
        {
            if (c.ExecuteScalar<long?>("SELECT id FROM work_schedules WHERE name = @name AND id IS NOT @id", new { name, id }, t) is not null)
            {
                throw new ConflictException("schedule.nameTaken", "Nama jadwal sudah dipakai.");
            }
            var args = new { id, name, input.CycleDays, input.AnchorDate, input.ObservesHolidays, input.RamadanHours };
            long sid;
            if (id is null)
            {
                sid = c.ExecuteScalar<long>("""
                    INSERT INTO work_schedules (name, cycle_days, anchor_date, observes_holidays, ramadan_hours)
                    VALUES (@name, @CycleDays, @AnchorDate, @ObservesHolidays, @RamadanHours) RETURNING id
                    """, args, t);
            }
            else
            {
                if (c.Execute("""
                    UPDATE work_schedules SET name = @name, cycle_days = @CycleDays, anchor_date = @AnchorDate,
                        observes_holidays = @ObservesHolidays, ramadan_hours = @RamadanHours WHERE id = @id
                    """, args, t) == 0)
                {
                    throw new NotFoundException("schedule.notFound", "Jadwal tidak ditemukan.");
                }
                sid = id.Value;
                c.Execute("DELETE FROM work_schedule_days WHERE schedule_id = @sid", new { sid }, t);
            }
            foreach (var d in input.Days)
            {
                c.Execute("INSERT INTO work_schedule_days (schedule_id, day_index, label, start_time, end_time) VALUES (@sid, @DayIndex, @Label, @Start, @End)",
                    new { sid, d.DayIndex, Label = Text.Clean(d.Label), d.Start, d.End }, t);
            }
            return sid;
        });
        return Schedules().First(s => s.Id == saved);
    }

    public IReadOnlyList<StaffUnit> Units()
    {
        using var c = db.Open();
        return c.Query<StaffUnit>("SELECT name, schedule_id AS ScheduleId, sort_order AS SortOrder FROM staff_units ORDER BY sort_order, name").ToList();
    }

    public StaffUnit SaveUnit(StaffUnit input)
    {
        var name = Text.Clean(input.Name);
        var v = new Validation();
        if (name is null || name.Length > 60)
        {
            v.Add("name", "name.required", "Nama unit wajib diisi (paling panjang 60 karakter).");
        }
        if (!Schedules().Any(s => s.Id == input.ScheduleId))
        {
            v.Add("scheduleId", "schedule.unknown", "Jadwal kerja tidak dikenal.");
        }
        v.ThrowIfAny();
        var saved = input with { Name = name! };
        db.InTransaction((c, t) => c.Execute("""
            INSERT INTO staff_units (name, schedule_id, sort_order) VALUES (@Name, @ScheduleId, @SortOrder)
            ON CONFLICT (name) DO UPDATE SET schedule_id = excluded.schedule_id, sort_order = excluded.sort_order
            """, saved, t));
        return saved;
    }

    public IReadOnlyList<Holiday> Holidays(DateOnly from, DateOnly to)
    {
        using var c = db.Open();
        return c.Query<Holiday>("SELECT date, name, kind FROM holidays WHERE date BETWEEN @from AND @to ORDER BY date", new { from, to }).ToList();
    }

    public Holiday SaveHoliday(Holiday input)
    {
        var v = new Validation();
        var name = Text.Clean(input.Name);
        if (input.Date == default)
        {
            v.Add("date", "date.required", "Tanggal libur wajib diisi.");
        }
        else
        {
            DateRange.Check(v, "date", input.Date);
        }
        if (name is null)
        {
            v.Add("name", "name.required", "Nama hari libur wajib diisi.");
        }
        if (input.Kind is not ("nasional" or "cuti_bersama" or "lokal"))
        {
            v.Add("kind", "kind.invalid", "Jenis libur: nasional, cuti_bersama atau lokal.");
        }
        v.ThrowIfAny();
        var saved = input with { Name = name! };
        db.InTransaction((c, t) => c.Execute("""
            INSERT INTO holidays (date, name, kind) VALUES (@Date, @Name, @Kind)
            ON CONFLICT (date) DO UPDATE SET name = excluded.name, kind = excluded.kind
            """, saved, t));
        return saved;
    }

    public void DeleteHoliday(DateOnly date)
    {
        if (db.InTransaction((c, t) => c.Execute("DELETE FROM holidays WHERE date = @date", new { date }, t)) == 0)
        {
            throw new NotFoundException("holiday.notFound", "Hari libur tidak ditemukan.");
        }
    }

    public IReadOnlyList<RamadanPeriod> RamadanPeriods()
    {
        using var c = db.Open();
        return c.Query<RamadanPeriod>("""
            SELECT id, start_date AS StartDate, end_date AS EndDate, start_time AS StartTime, end_time AS EndTime, friday_end AS FridayEnd,
                   six_start AS SixDayStartTime, six_end AS SixDayEndTime, six_friday_end AS SixDayFridayEnd
            FROM ramadan_periods ORDER BY start_date
            """).ToList();
    }

    public RamadanPeriod SaveRamadan(RamadanPeriod input)
    {
        var v = new Validation();
        if (input.StartDate == default || input.EndDate < input.StartDate || input.EndDate.DayNumber - input.StartDate.DayNumber > 40)
        {
            v.Add("endDate", "range.invalid", "Periode Ramadan: tanggal akhir setelah tanggal mulai, paling lama 40 hari.");
        }
        else
        {
            DateRange.Check(v, "startDate", input.StartDate);
        }
        if (!IsTime(input.StartTime) || !IsTime(input.EndTime) || !IsTime(input.FridayEnd))
        {
            v.Add("startTime", "time.invalid", "Jam berformat HH:mm.");
        }
        if (!IsTime(input.SixDayStartTime) || !IsTime(input.SixDayEndTime) || !IsTime(input.SixDayFridayEnd))
        {
            v.Add("sixDayStartTime", "time.invalid", "Jam 6 hari kerja berformat HH:mm.");
        }
        else if (string.CompareOrdinal(input.SixDayEndTime, input.SixDayStartTime) <= 0 || string.CompareOrdinal(input.SixDayFridayEnd, input.SixDayStartTime) <= 0)
        {
            v.Add("sixDayEndTime", "time.order", "Jam pulang 6 hari kerja harus setelah jam masuk.");
        }
        v.ThrowIfAny();
        var id = db.InTransaction((c, t) => input.Id == 0
            ? c.ExecuteScalar<long>("""
                INSERT INTO ramadan_periods (start_date, end_date, start_time, end_time, friday_end, six_start, six_end, six_friday_end)
                VALUES (@StartDate, @EndDate, @StartTime, @EndTime, @FridayEnd, @SixDayStartTime, @SixDayEndTime, @SixDayFridayEnd) RETURNING id
                """, input, t)
            : c.Execute("""
                UPDATE ramadan_periods SET start_date = @StartDate, end_date = @EndDate, start_time = @StartTime, end_time = @EndTime,
                    friday_end = @FridayEnd, six_start = @SixDayStartTime, six_end = @SixDayEndTime, six_friday_end = @SixDayFridayEnd WHERE id = @Id
                """, input, t) == 1 ? input.Id : throw new NotFoundException("ramadan.notFound", "Periode Ramadan tidak ditemukan."));
        return RamadanPeriods().First(r => r.Id == id);
    }

    public void DeleteRamadan(long id)
    {
        if (db.InTransaction((c, t) => c.Execute("DELETE FROM ramadan_periods WHERE id = @id", new { id }, t)) == 0)
        {
            throw new NotFoundException("ramadan.notFound", "Periode Ramadan tidak ditemukan.");
        }
    }

    /// <summary>The calendar (holidays and Ramadan hours) for a date range.</summary>
    public WorkCalendar Calendar(DateOnly from, DateOnly to) => new(
        Holidays(from, to).Select(h => h.Date).ToHashSet(),
        RamadanPeriods().Select(r => new RamadanHours(r.StartDate, r.EndDate,
            WorkSchedule.ParseTime(r.StartTime), WorkSchedule.ParseTime(r.EndTime), WorkSchedule.ParseTime(r.FridayEnd),
            WorkSchedule.ParseTime(r.SixDayStartTime), WorkSchedule.ParseTime(r.SixDayEndTime), WorkSchedule.ParseTime(r.SixDayFridayEnd))).ToList());

    internal static bool IsTime(string? s) =>
        s is { Length: 5 } && TimeOnly.TryParseExact(s, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
