using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Simpus.Clinic.Tests.Infrastructure;
using Simpus.Core.Attendance;

namespace Simpus.Clinic.Tests.Pages;

[Collection("browser")]
public sealed class AttendanceSettingsPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private ClinicServer _server = null!;
    private HttpClient _api = null!;

    public async Task InitializeAsync()
    {
        _server = await ClinicServer.StartAsync();
        _api = await _server.AdminAsync();
        await _api.PostAsJsonAsync("/api/users", new { username = "kepala", password = "Laporan-bulanan-9", role = "kepala" });
        await _api.PostAsJsonAsync("/api/users", new { username = "loket", password = "Antrean-pagi-12", role = "pendaftaran" });
        var created = await _api.PostAsJsonAsync("/api/attendance/staff", new
        {
            nip = "198703152010012002", name = "Wulan Utami", position = "Bidan", unit = "KIA", machineId = "21", activeFrom = "2020-01-01",
        });
        created.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_holiday_added_on_the_settings_page_turns_the_day_into_L_in_the_recap()
    {
        var day = await WorkingDayOfLastMonthAsync();
        var iso = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var month = day.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        Assert.Equal("TK", await RecapCodeAsync(day));
        var page = await browser.LoginAsync(_server, "kepala", "Laporan-bulanan-9", "/absensi");

        await page.GetByRole(AriaRole.Link, new() { Name = "Jadwal, hari libur & jam Ramadan" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/absensi/pengaturan", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.FillAsync("#libur-tanggal", iso);
        await page.FillAsync("#libur-nama", "Hari Jadi Kabupaten");
        await page.SelectOptionAsync("#libur-jenis", "lokal");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("#libur-pesan")).ToContainTextAsync("Hari Jadi Kabupaten");
        await Assertions.Expect(page.Locator("#tahun")).ToHaveValueAsync(day.Year.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#libur-tabel tbody tr", new() { HasText = "Hari Jadi Kabupaten" })).ToContainTextAsync("Libur lokal");
        await page.GotoAsync("/absensi");
        await page.FillAsync("#month", month);
        var row = page.Locator("#grid tbody tr", new() { HasText = "Wulan Utami" });
        await Assertions.Expect(row.Locator("td").Nth(day.Day)).ToHaveTextAsync("L");
        await Assertions.Expect(page.Locator("#grid thead th").Nth(day.Day)).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("Hari Jadi Kabupaten"));
        Assert.Equal("L", await RecapCodeAsync(day));
    }

    [Fact]
    public async Task The_head_renames_and_removes_a_holiday_on_the_page()
    {
        var day = await WorkingDayOfLastMonthAsync();
        var iso = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        (await _api.PutAsJsonAsync($"/api/attendance/holidays/{iso}", new { date = iso, name = "Libur salah ketik", kind = "nasional" })).EnsureSuccessStatusCode();
        var page = await browser.LoginAsync(_server, "kepala", "Laporan-bulanan-9", "/absensi/pengaturan");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.FillAsync("#tahun", day.Year.ToString(CultureInfo.InvariantCulture));
        await page.Locator("#tahun").DispatchEventAsync("change");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await page.GetByRole(AriaRole.Button, new() { Name = "Ubah Libur salah ketik" }).ClickAsync();
        await Assertions.Expect(page.Locator("#libur-nama")).ToHaveValueAsync("Libur salah ketik");
        await page.FillAsync("#libur-nama", "Cuti bersama Natal");
        await page.SelectOptionAsync("#libur-jenis", "cuti_bersama");
        await page.ClickAsync("#libur-simpan");
        await Assertions.Expect(page.Locator("#libur-tabel tbody tr", new() { HasText = "Cuti bersama Natal" })).ToBeVisibleAsync();
        var renamed = await HolidayAsync(day);
        Assert.Equal(("Cuti bersama Natal", "cuti_bersama"), (renamed!.Name, renamed.Kind));

        await page.GetByRole(AriaRole.Button, new() { Name = "Hapus Cuti bersama Natal" }).ClickAsync();
        await Assertions.Expect(page.Locator("#libur-pesan")).ToContainTextAsync("dihapus");
        Assert.Null(await HolidayAsync(day));
    }

    [Fact]
    public async Task A_holiday_without_a_name_shows_the_field_error_and_saves_nothing()
    {
        var page = await browser.LoginAsync(_server, "kepala", "Laporan-bulanan-9", "/absensi/pengaturan");
        var before = (await _api.GetFromJsonAsync<List<Holiday>>("/api/attendance/holidays?year=2031", ApiExtensions.Json))!.Count;

        await page.FillAsync("#libur-tanggal", "2031-05-05");
        await page.ClickAsync("#libur-simpan");

        await Assertions.Expect(page.Locator("#libur-form [data-error=name]")).ToContainTextAsync("wajib");
        await Assertions.Expect(page.Locator("#libur-nama")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(before, (await _api.GetFromJsonAsync<List<Holiday>>("/api/attendance/holidays?year=2031", ApiExtensions.Json))!.Count);
    }

    [Fact]
    public async Task The_head_creates_a_weekly_pattern_and_gives_it_to_a_unit()
    {
        var page = await browser.LoginAsync(_server, "kepala", "Laporan-bulanan-9", "/absensi/pengaturan");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Jadwal kerja per unit" }).ClickAsync();
        await Assertions.Expect(page.Locator("#jadwal-list")).ToContainTextAsync("(s.d. besok)");

        await page.FillAsync("#pola-nama", "Pagi 6 hari KIA");
        await page.GetByLabel("Sabtu masuk kerja").CheckAsync();
        await page.GetByLabel("Sabtu jam masuk").FillAsync("07:30");
        await page.GetByLabel("Sabtu jam pulang").FillAsync("12:00");
        await page.GetByLabel("Jumat jam pulang").FillAsync("11:30");
        await page.ClickAsync("#pola-simpan");
        await Assertions.Expect(page.Locator("#pola-pesan")).ToContainTextAsync("Pagi 6 hari KIA");

        await page.GetByRole(AriaRole.Combobox, new() { Name = "Jadwal unit KIA", Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Pagi 6 hari KIA" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan jadwal unit KIA" }).ClickAsync();

        await Assertions.Expect(page.Locator("#unit-pesan")).ToContainTextAsync("Unit KIA sekarang memakai jadwal \"Pagi 6 hari KIA\"");
        var schedules = await _api.GetFromJsonAsync<List<WorkSchedule>>("/api/attendance/schedules", ApiExtensions.Json);
        var created = Assert.Single(schedules!, s => s.Name == "Pagi 6 hari KIA");
        Assert.Equal(7, created.CycleDays);
        Assert.Equal(
            ["0 07:30-16:00", "1 07:30-16:00", "2 07:30-16:00", "3 07:30-16:00", "4 07:30-11:30", "5 07:30-12:00"],
            created.Days.Select(d => $"{d.DayIndex} {d.Start}-{d.End}"));
        var units = await _api.GetFromJsonAsync<List<StaffUnit>>("/api/attendance/units", ApiExtensions.Json);
        Assert.Equal(created.Id, units!.Single(u => u.Name == "KIA").ScheduleId);
        Assert.Equal(3, units!.Single(u => u.Name == "KIA").SortOrder);
        Assert.Equal(1, units!.Single(u => u.Name == "Umum").ScheduleId);
    }

    [Fact]
    public async Task The_head_sets_Ramadan_hours_and_the_lateness_bands()
    {
        var page = await browser.LoginAsync(_server, "kepala", "Laporan-bulanan-9", "/absensi/pengaturan");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Jam Ramadan" }).ClickAsync();
        await page.FillAsync("#r-mulai", "2027-02-08");
        await page.FillAsync("#r-akhir", "2027-03-09");
        await page.FillAsync("#r-masuk", "08:00");
        await page.FillAsync("#r-pulang", "14:30");
        await page.FillAsync("#r-jumat", "15:00");
        await page.ClickAsync("#ramadan-simpan");
        await Assertions.Expect(page.Locator("#ramadan-tabel")).ToContainTextAsync("08:00–14:30");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Batas TL/PSW" }).ClickAsync();
        await page.FillAsync("#b1", "15");
        await page.ClickAsync("#batas-simpan");
        await Assertions.Expect(page.Locator("#batas-pesan")).ToContainTextAsync("disimpan");

        var periods = await _api.GetFromJsonAsync<List<RamadanPeriod>>("/api/attendance/ramadan", ApiExtensions.Json);
        var added = Assert.Single(periods!, p => p.StartDate == new DateOnly(2027, 2, 8));
        Assert.Equal((new DateOnly(2027, 3, 9), "08:00", "14:30", "15:00"), (added.EndDate, added.StartTime, added.EndTime, added.FridayEnd));
        var settings = await _api.GetFromJsonAsync<AttendanceSettings>("/api/attendance/settings", ApiExtensions.Json);
        Assert.Equal((15, 60, 90), (settings!.Band1Max, settings.Band2Max, settings.Band3Max));
    }

    [Fact]
    public async Task The_settings_page_is_only_for_admin_and_head()
    {
        using var desk = await _server.ClientAsAsync("pendaftaran");
        using var head = await _server.ClientAsAsync("kepala");

        var refused = await desk.GetAsync("/absensi/pengaturan");
        var served = await head.GetAsync("/absensi/pengaturan");

        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Contains("Pengaturan Absensi", await served.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>A Monday–Thursday of last month that is not a holiday (a duty day of the 5-day week; no punches: TK).</summary>
    private async Task<DateOnly> WorkingDayOfLastMonthAsync()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var day = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var holidays = await _api.GetFromJsonAsync<List<Holiday>>($"/api/attendance/holidays?year={day.Year}", ApiExtensions.Json);
        while (holidays!.Any(h => h.Date == day) || day.DayOfWeek is DayOfWeek.Friday or DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }
        return day;
    }

    private async Task<string?> RecapCodeAsync(DateOnly day)
    {
        var recap = await _api.GetFromJsonAsync<AttendanceRecap>($"/api/attendance/recap?month={day.ToString("yyyy-MM", CultureInfo.InvariantCulture)}", ApiExtensions.Json);
        return recap!.Employees.Single(e => e.Name == "Wulan Utami").Days[day.Day - 1];
    }

    private async Task<Holiday?> HolidayAsync(DateOnly day) =>
        (await _api.GetFromJsonAsync<List<Holiday>>($"/api/attendance/holidays?year={day.Year}", ApiExtensions.Json))!.SingleOrDefault(h => h.Date == day);
}
