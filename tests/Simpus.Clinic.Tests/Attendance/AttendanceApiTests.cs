using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Simpus.Clinic.Tests.Infrastructure;
using Simpus.Core.Attendance;

namespace Simpus.Clinic.Tests.Attendance;

/// <summary>Attendance over real HTTP and a real SQLite file, in a month two months back (so every day of it is in the past).</summary>
public sealed class AttendanceApiTests : IAsyncLifetime
{
    private static readonly DateOnly RotationAnchor = new(2026, 1, 5);
    private ClinicServer _server = null!;
    private HttpClient _head = null!;
    private DateOnly _month;
    private HashSet<DateOnly> _holidays = [];

    public async Task InitializeAsync()
    {
        _server = await ClinicServer.StartAsync();
        _head = await _server.ClientAsAsync("kepala");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        _month = new DateOnly(today.Year, today.Month, 1).AddMonths(-2);
        var holidays = await _head.GetFromJsonAsync<List<Holiday>>($"/api/attendance/holidays?year={_month.Year}", ApiExtensions.Json);
        _holidays = holidays!.Select(h => h.Date).ToHashSet();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private string MonthText => _month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The n-th Monday–Thursday of the test month that is not a holiday (n from 0).</summary>
    private DateOnly Weekday(int n) => Enumerable.Range(0, 31).Select(_month.AddDays)
        .Where(d => d.Month == _month.Month && d.DayOfWeek is >= DayOfWeek.Monday and <= DayOfWeek.Thursday && !_holidays.Contains(d))
        .ElementAt(n);

    private static string Stamp(DateOnly date, int hour, int minute, int second = 0) =>
        date.ToDateTime(new TimeOnly(hour, minute, second)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private async Task<StaffMember> AddStaffAsync(string machineId, string unit = "Umum", string? nip = null, string? pin = null, int rotationOffset = 0)
    {
        var response = await _head.PostAsJsonAsync("/api/attendance/staff", new
        {
            nip, name = "Pegawai " + machineId, position = "Perawat", unit, machineId, rotationOffset, activeFrom = "2020-01-01", pin,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<StaffMember>(ApiExtensions.Json))!;
    }

    private async Task<HttpResponseMessage> ImportAsync(string csv, string fileName = "attlog.csv", HttpClient? client = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        return await (client ?? _head).PostAsync("/api/attendance/import", form);
    }

    private async Task<ImportResult> ImportOkAsync(string csv)
    {
        var response = await ImportAsync(csv);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ImportResult>(ApiExtensions.Json))!;
    }

    private async Task<AttendanceRecap> RecapAsync() =>
        (await _head.GetFromJsonAsync<AttendanceRecap>($"/api/attendance/recap?month={MonthText}", ApiExtensions.Json))!;

    private static EmployeeRecap Row(AttendanceRecap recap, string machineId) => recap.Employees.Single(e => e.Name == "Pegawai " + machineId);

    private static string? Code(EmployeeRecap row, DateOnly date) => row.Days[date.Day - 1];

    private long PunchCount()
    {
        using var c = _server.Database.Open();
        return c.ExecuteScalar<long>("SELECT COUNT(*) FROM attendance_punches");
    }

    [Fact]
    public async Task Night_shift_crossing_midnight_counts_for_the_evening_it_started()
    {
        await AddStaffAsync("N1", unit: "UGD");
        // The 5-day rotation (pagi, siang, malam, libur, libur) has its night on cycle day 2.
        var night = Enumerable.Range(0, 20).Select(_month.AddDays).First(d => ((d.DayNumber - RotationAnchor.DayNumber) % 5 + 5) % 5 == 2);

        var result = await ImportOkAsync($"id,waktu\nN1,{Stamp(night, 20, 52)}\nN1,{Stamp(night.AddDays(1), 7, 4)}\n");
        var row = Row(await RecapAsync(), "N1");

        Assert.Equal(2, result.Added);
        Assert.Equal("H", Code(row, night));
        Assert.Equal("L", Code(row, night.AddDays(1)));
        Assert.Equal("TK", Code(row, night.AddDays(-2)));
        var days = await _head.GetFromJsonAsync<List<AttendanceDay>>($"/api/attendance/staff/{(await StaffIdAsync("N1"))}/days?month={MonthText}", ApiExtensions.Json);
        var detail = days!.Single(d => d.Date == night);
        Assert.Equal(("21:00", "07:00", "20:52", "07:04"), (detail.DutyStart, detail.DutyEnd, detail.Arrival, detail.Departure));
    }

    [Fact]
    public async Task A_holiday_is_L_and_not_a_working_day()
    {
        await AddStaffAsync("L1");
        var holiday = Weekday(3);
        var put = await _head.PutAsJsonAsync($"/api/attendance/holidays/{holiday:yyyy-MM-dd}", new { name = "Hari jadi kabupaten", kind = "lokal" });
        var worked = Weekday(4);

        await ImportOkAsync($"id,waktu\nL1,{Stamp(worked, 7, 20)}\nL1,{Stamp(worked, 16, 5)}\n");
        var row = Row(await RecapAsync(), "L1");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("L", Code(row, holiday));
        Assert.Equal("H", Code(row, worked));
        Assert.Equal(row.Days.Count(c => c is not null and not "L"), row.WorkingDays);
        Assert.Equal(row.WorkingDays - 1, row.TanpaKeterangan);
        Assert.Equal(1, row.Hadir);
        Assert.Equal(100, row.PunctualityRate);
    }

    [Fact]
    public async Task A_day_with_a_single_punch_is_present_with_the_departure_missing()
    {
        await AddStaffAsync("P1");
        var day = Weekday(1);

        await ImportOkAsync($"id,waktu\nP1,{Stamp(day, 7, 12)}\n");
        var row = Row(await RecapAsync(), "P1");

        Assert.Equal("PSW4", Code(row, day));
        Assert.Equal(1, row.Hadir);
        Assert.Equal(1, row.PulangCepat);
        Assert.Equal(0, row.Terlambat);
        Assert.Equal(0, row.PunctualityRate);
    }

    [Fact]
    public async Task Late_and_early_punches_get_their_bands_and_minutes_and_the_unit_totals_add_up()
    {
        await AddStaffAsync("T1");
        await AddStaffAsync("T2");
        var a = Weekday(0);
        var b = Weekday(1);

        // Out of order, with a duplicate press.
        await ImportOkAsync($"""
            id,waktu
            T1,{Stamp(a, 15, 40)}
            T1,{Stamp(a, 8, 5)}
            T1,{Stamp(a, 8, 5, 20)}
            T1,{Stamp(b, 9, 10)}
            T1,{Stamp(b, 16, 1)}
            T2,{Stamp(a, 7, 29)}
            T2,{Stamp(a, 16, 0)}
            """);
        var recap = await RecapAsync();
        var row = Row(recap, "T1");
        var unit = recap.Units.Single(u => u.Unit == "Umum");

        Assert.Equal("TL2/PSW1", Code(row, a));
        Assert.Equal("TL4", Code(row, b));
        Assert.Equal(35 + 100, row.MinutesLate);
        Assert.Equal((2, 2, 1), (row.Hadir, row.Terlambat, row.PulangCepat));
        Assert.Equal("H", Code(Row(recap, "T2"), a));
        Assert.Equal(recap.Employees.Where(e => e.Unit == "Umum").Sum(e => e.Hadir), unit.Hadir);
        Assert.Equal(2, unit.Employees);
        Assert.Equal(Math.Round(100.0 / 3, 1), unit.PunctualityRate);
    }

    [Fact]
    public async Task Importing_the_same_file_twice_changes_nothing()
    {
        await AddStaffAsync("R1");
        var csv = $"id,waktu\nR1,{Stamp(Weekday(0), 7, 15)}\nR1,{Stamp(Weekday(0), 16, 10)}\nR1,{Stamp(Weekday(1), 7, 40)}\n";

        var first = await ImportOkAsync(csv);
        var before = (PunchCount(), JsonSerializer.Serialize(await RecapAsync()));
        var second = await ImportOkAsync(csv);
        var after = (PunchCount(), JsonSerializer.Serialize(await RecapAsync()));
        var batches = await _head.GetFromJsonAsync<List<ImportBatch>>("/api/attendance/imports", ApiExtensions.Json);

        Assert.Equal((3, 0, false), (first.Added, first.Duplicates, first.AlreadyImported));
        Assert.Equal((0, 3, true), (second.Added, second.Duplicates, second.AlreadyImported));
        Assert.Equal(before, after);
        Assert.Single(batches!);
    }

    [Fact]
    public async Task A_file_with_bad_lines_reports_their_numbers_and_imports_the_rest()
    {
        await AddStaffAsync("B1");
        var day = Weekday(2);

        var result = await ImportOkAsync($"id,waktu\nB1,{Stamp(day, 7, 25)}\nX99,{Stamp(day, 7, 30)}\nB1,{day:yyyy-MM-dd} jam tujuh\n\nB1,{Stamp(day, 16, 2)}\n");

        Assert.Equal(2, result.Added);
        Assert.Equal(2, result.Rejected);
        Assert.Equal([(3, "line.employeeUnknown"), (4, "line.timestamp")], result.Errors.Select(e => (e.Line, e.Code)));
        Assert.Contains("X99", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("H", Code(Row(await RecapAsync(), "B1"), day));
    }

    [Fact]
    public async Task An_unreadable_file_imports_nothing_and_answers_400()
    {
        await AddStaffAsync("U1");
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(garbage), "file", "attlog.dat" } };

        var binary = await _head.PostAsync("/api/attendance/import", form);
        var wrongLayout = await ImportAsync($"U1;{Stamp(Weekday(0), 7, 0)}\n");
        var problem = await binary.JsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, binary.StatusCode);
        Assert.Equal("application/problem+json", binary.Content.Headers.ContentType?.MediaType);
        Assert.Equal("file.unreadable", problem.GetProperty("codes").GetProperty("file")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, wrongLayout.StatusCode);
        Assert.Equal(0, PunchCount());
    }

    [Fact]
    public async Task The_layout_can_be_given_per_request_and_a_text_body_is_accepted()
    {
        await AddStaffAsync("7");
        var day = Weekday(0);
        var body = new StringContent($"1\t7\t{day:dd/MM/yyyy}\t07:20:00\n2\t7\t{day:dd/MM/yyyy}\t16:03:00\n", Encoding.UTF8, "text/plain");

        var response = await _head.PostAsync("/api/attendance/import?delimiter=tab&employeeColumn=2&timestampColumn=3&timeColumn=4&timestampFormat=dd/MM/yyyy HH:mm:ss&hasHeader=false", body);
        var result = await response.Content.ReadFromJsonAsync<ImportResult>(ApiExtensions.Json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, result!.Added);
        Assert.Equal("H", Code(Row(await RecapAsync(), "7"), day));
    }

    [Fact]
    public async Task An_employee_on_leave_gets_C_for_the_working_days_of_the_leave()
    {
        var staff = await AddStaffAsync("C1");
        var from = Weekday(0);
        var to = from.AddDays(3);

        var missingType = await _head.PostAsJsonAsync("/api/attendance/absences", new { staffId = staff.Id, code = "C", fromDate = from, toDate = to });
        var created = await _head.PostAsJsonAsync("/api/attendance/absences", new { staffId = staff.Id, code = "C", leaveType = "tahunan", fromDate = from, toDate = to });
        var overlap = await _head.PostAsJsonAsync("/api/attendance/absences", new { staffId = staff.Id, code = "S", fromDate = to, toDate = to });
        var row = Row(await RecapAsync(), "C1");
        var expected = Enumerable.Range(0, 4).Select(from.AddDays).Count(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(d));

        Assert.Equal(HttpStatusCode.BadRequest, missingType.StatusCode);
        Assert.Equal("leaveType.invalid", (await missingType.JsonAsync()).GetProperty("codes").GetProperty("leaveType")[0].GetString());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, overlap.StatusCode);
        Assert.Equal("C", Code(row, from));
        Assert.Equal(expected, row.Cuti);
        Assert.Equal(row.WorkingDays - expected, row.TanpaKeterangan);
        Assert.Equal(0, row.Hadir);
    }

    [Fact]
    public async Task Kiosk_needs_a_login_and_the_employee_NIP_and_PIN()
    {
        const string nip = "198501012010012001";
        await AddStaffAsync("K1", nip: nip, pin: "2468");
        var kiosk = await _server.ClientAsAsync("pendaftaran");

        var anonymous = await _server.Anonymous().PostAsJsonAsync("/api/attendance/clock", new { nip, pin = "2468" });
        var wrong = await kiosk.PostAsJsonAsync("/api/attendance/clock", new { nip, pin = "1357" });
        var first = await kiosk.PostAsJsonAsync("/api/attendance/clock", new { nip = "19850101 2010012001", pin = "2468" });
        var clocked = await first.Content.ReadFromJsonAsync<ClockResult>(ApiExtensions.Json);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(("Pegawai K1", "masuk"), (clocked!.Name, clocked.Kind));
        using var c = _server.Database.Open();
        Assert.Equal("kiosk", c.ExecuteScalar<string>("SELECT source FROM attendance_punches"));
        Assert.DoesNotContain("2468", c.ExecuteScalar<string>("SELECT pin_hash FROM staff"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_admin_and_kepala_manage_attendance()
    {
        var clinician = await _server.ClientAsAsync("klinisi", "umum");

        var recap = await clinician.GetAsync($"/api/attendance/recap?month={MonthText}");
        var import = await ImportAsync("id,waktu\n1,2026-01-05 07:00:00\n", client: clinician);
        var page = await clinician.GetAsync("/absensi");
        var kioskPage = await clinician.GetAsync("/absensi/kiosk");
        var headPage = await _head.GetAsync("/absensi");

        Assert.Equal(HttpStatusCode.Forbidden, recap.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, import.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, kioskPage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, headPage.StatusCode);
    }

    [Fact]
    public async Task Staff_input_is_validated_field_by_field_and_ids_are_unique()
    {
        await AddStaffAsync("V1");

        var bad = await _head.PostAsJsonAsync("/api/attendance/staff", new { nip = "12345", name = "", position = "Bidan", unit = "Planet", activeFrom = "2020-01-01", pin = "12" });
        var duplicate = await _head.PostAsJsonAsync("/api/attendance/staff", new { name = "Lain", position = "Bidan", unit = "KIA", machineId = "V1", activeFrom = "2020-01-01" });
        var codes = (await bad.JsonAsync()).GetProperty("codes");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["name", "nip", "pin", "unit"], codes.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
    }

    [Fact]
    public async Task Bands_are_configurable()
    {
        await AddStaffAsync("S1");
        var day = Weekday(0);
        await ImportOkAsync($"id,waktu\nS1,{Stamp(day, 7, 50)}\nS1,{Stamp(day, 16, 0)}\n");
        var settings = await _head.GetFromJsonAsync<JsonElement>("/api/attendance/settings");

        var put = await _head.PutAsJsonAsync("/api/attendance/settings", new { band1Max = 15, band2Max = 30, band3Max = 45, csvLayout = settings.GetProperty("csvLayout") });
        var bad = await _head.PutAsJsonAsync("/api/attendance/settings", new { band1Max = 30, band2Max = 20, band3Max = 45 });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("TL2", Code(Row(await RecapAsync(), "S1"), day));
    }

    [Fact]
    public async Task Recap_month_must_be_yyyy_MM()
    {
        var response = await _head.GetAsync("/api/attendance/recap?month=November");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("month.format", (await response.JsonAsync()).GetProperty("codes").GetProperty("month")[0].GetString());
    }

    [Fact]
    public async Task A_new_schedule_assigned_to_a_unit_makes_Saturday_a_working_day()
    {
        var created = await _head.PostAsJsonAsync("/api/attendance/schedules", new
        {
            name = "Loket 6 hari", cycleDays = 7, anchorDate = "2026-01-05", observesHolidays = true, ramadanHours = true,
            days = Enumerable.Range(0, 6).Select(i => new { dayIndex = i, start = "07:30", end = i == 5 ? "12:00" : "14:00" }),
        });
        var schedule = (await created.Content.ReadFromJsonAsync<WorkSchedule>(ApiExtensions.Json))!;
        var unit = await _head.PutAsJsonAsync("/api/attendance/units/Loket", new { scheduleId = schedule.Id, sortOrder = 8 });
        var badSchedule = await _head.PostAsJsonAsync("/api/attendance/schedules", new { name = "Salah", cycleDays = 7, days = new[] { new { dayIndex = 9, start = "25:00", end = "12:00" } } });
        await AddStaffAsync("W1", unit: "Loket");
        var saturday = Enumerable.Range(0, 7).Select(_month.AddDays).First(d => d.DayOfWeek == DayOfWeek.Saturday && !_holidays.Contains(d));

        await ImportOkAsync($"id,waktu\nW1,{Stamp(saturday, 7, 25)}\nW1,{Stamp(saturday, 11, 30)}\n");
        var row = Row(await RecapAsync(), "W1");

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badSchedule.StatusCode);
        Assert.Equal("PSW1", Code(row, saturday));
        Assert.Equal("L", Code(row, saturday.AddDays(1)));
    }

    [Fact]
    public async Task The_settings_page_endpoints_refuse_bad_input_naming_the_field()
    {
        var namelessHoliday = await _head.PutAsJsonAsync("/api/attendance/holidays/2031-05-05", new { name = " ", kind = "nasional" });
        var unknownKind = await _head.PutAsJsonAsync("/api/attendance/holidays/2031-05-05", new { name = "Libur", kind = "bebas" });
        var badDate = await _head.PutAsJsonAsync("/api/attendance/holidays/05-05-2031", new { name = "Libur", kind = "nasional" });
        var backwardsRamadan = await _head.PostAsJsonAsync("/api/attendance/ramadan", new { startDate = "2027-03-09", endDate = "2027-02-08", startTime = "08:00", endTime = "15:00", fridayEnd = "15:30" });
        var badRamadanTime = await _head.PostAsJsonAsync("/api/attendance/ramadan", new { startDate = "2027-02-08", endDate = "2027-03-09", startTime = "8 pagi", endTime = "15:00", fridayEnd = "15:30" });
        var unknownSchedule = await _head.PutAsJsonAsync("/api/attendance/units/KIA", new { scheduleId = 999, sortOrder = 3 });
        var sameTimes = await _head.PostAsJsonAsync("/api/attendance/schedules", new { name = "Sama", cycleDays = 7, days = new[] { new { dayIndex = 0, start = "07:30", end = "07:30" } } });
        var settings = await _head.GetFromJsonAsync<AttendanceSettings>("/api/attendance/settings", ApiExtensions.Json);
        var descendingBands = await _head.PutAsJsonAsync("/api/attendance/settings", settings! with { Band1Max = 70, Band2Max = 60 });

        Assert.Equal(["name"], await ProblemFieldsAsync(namelessHoliday));
        Assert.Equal(["kind"], await ProblemFieldsAsync(unknownKind));
        Assert.Equal(["date"], await ProblemFieldsAsync(badDate));
        Assert.Equal(["endDate"], await ProblemFieldsAsync(backwardsRamadan));
        Assert.Equal(["startTime"], await ProblemFieldsAsync(badRamadanTime));
        Assert.Equal(["scheduleId"], await ProblemFieldsAsync(unknownSchedule));
        Assert.Equal(["days[0].start"], await ProblemFieldsAsync(sameTimes));
        Assert.Equal(["band1Max"], await ProblemFieldsAsync(descendingBands));
        Assert.Empty((await _head.GetFromJsonAsync<List<Holiday>>("/api/attendance/holidays?year=2031", ApiExtensions.Json))!);
        Assert.Equal(1, (await _head.GetFromJsonAsync<List<StaffUnit>>("/api/attendance/units", ApiExtensions.Json))!.Single(u => u.Name == "KIA").ScheduleId);
        Assert.Equal(30, (await _head.GetFromJsonAsync<AttendanceSettings>("/api/attendance/settings", ApiExtensions.Json))!.Band1Max);
    }

    private static async Task<string[]> ProblemFieldsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray();
    }

    [Fact]
    public async Task An_excel_export_is_read_from_its_first_sheet_with_row_numbers_as_line_numbers()
    {
        await AddStaffAsync("101");
        var day = Weekday(0);
        using var workbook = new ClosedXML.Excel.XLWorkbook();
        var sheet = workbook.AddWorksheet("Log");
        sheet.Cell(1, 1).Value = "No";
        sheet.Cell(1, 2).Value = "Tanggal";
        sheet.Cell(1, 3).Value = "Jam";
        sheet.Cell(2, 1).Value = 101;
        sheet.Cell(2, 2).Value = day.ToDateTime(TimeOnly.MinValue);
        sheet.Cell(2, 3).Value = new TimeSpan(7, 18, 0);
        sheet.Cell(3, 1).Value = 101;
        sheet.Cell(3, 2).Value = day.ToDateTime(TimeOnly.MinValue);
        sheet.Cell(3, 3).Value = "sore";
        sheet.Cell(4, 1).Value = 101;
        sheet.Cell(4, 2).Value = day.ToDateTime(TimeOnly.MinValue);
        sheet.Cell(4, 3).Value = new TimeSpan(16, 9, 0);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(stream.ToArray()), "file", "attlog.xlsx" }, { new StringContent("3"), "timeColumn" } };

        var response = await _head.PostAsync("/api/attendance/import", form);
        var result = await response.Content.ReadFromJsonAsync<ImportResult>(ApiExtensions.Json);
        var broken = await ImportAsync("PK\u0003\u0004 not really a workbook");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, result!.Added);
        Assert.Equal(3, Assert.Single(result.Errors).Line);
        Assert.Equal("H", Code(Row(await RecapAsync(), "101"), day));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
    }

    private async Task<long> StaffIdAsync(string machineId) =>
        (await _head.GetFromJsonAsync<List<StaffMember>>("/api/attendance/staff", ApiExtensions.Json))!.Single(s => s.MachineId == machineId).Id;
}
