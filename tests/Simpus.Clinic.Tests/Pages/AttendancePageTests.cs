using System.Globalization;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Playwright;
using Simpus.Clinic.Tests.Infrastructure;

namespace Simpus.Clinic.Tests.Pages;

[Collection("browser")]
public sealed class AttendancePageTests(BrowserFixture browser) : IAsyncLifetime
{
    private ClinicServer _server = null!;
    private HttpClient _api = null!;

    public async Task InitializeAsync()
    {
        _server = await ClinicServer.StartAsync();
        _api = await _server.AdminAsync();
        await _api.PostAsJsonAsync("/api/users", new { username = "kepala", password = "Laporan-bulanan-9", role = "kepala" });
        await _api.PostAsJsonAsync("/api/users", new { username = "loket", password = "Antrean-pagi-12", role = "pendaftaran" });
        await _api.PostAsJsonAsync("/api/attendance/staff", new
        {
            nip = "198703152010012002", name = "Wulan Utami", position = "Bidan", unit = "KIA", machineId = "21", activeFrom = "2020-01-01", pin = "4321",
        });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_head_imports_a_fingerprint_csv_sees_the_bad_lines_and_reads_the_recap()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var day = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        while (day.DayOfWeek is DayOfWeek.Friday or DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }
        var holidays = await _api.GetFromJsonAsync<List<Simpus.Core.Attendance.Holiday>>($"/api/attendance/holidays?year={day.Year}", ApiExtensions.Json);
        while (holidays!.Any(h => h.Date == day) || day.DayOfWeek is DayOfWeek.Friday or DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }
        var d = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var csv = $"No;Tanggal;Jam\n21;{d};07:58:00\n21;{d};16:04:00\n77;{d};07:00:00\n";
        var page = await browser.LoginAsync(_server, "kepala", "Laporan-bulanan-9", "/absensi");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Impor sidik jari" }).ClickAsync();
        await page.Locator("#import-form input[name=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "attlog.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv),
        });
        await page.SelectOptionAsync("#import-form select[name=delimiter]", ";");
        await page.FillAsync("#import-form input[name=timeColumn]", "3");
        await page.FillAsync("#import-form input[name=timestampFormat]", "yyyy-MM-dd HH:mm:ss");
        await page.ClickAsync("#import-form button[type=submit]");

        await Assertions.Expect(page.Locator("#import-result")).ToContainTextAsync("2 rekaman baru");
        await Assertions.Expect(page.Locator("#import-result")).ToContainTextAsync("Baris 4");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Rekap bulanan" }).ClickAsync();
        await Assertions.Expect(page.Locator("#month")).ToHaveValueAsync(day.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        var row = page.Locator("#grid tbody tr", new() { HasText = "Wulan Utami" });
        await Assertions.Expect(row.Locator("td").Nth(day.Day)).ToHaveTextAsync("TL1");
        await Assertions.Expect(page.Locator("#units")).ToContainTextAsync("KIA");
    }

    [Fact]
    public async Task The_kiosk_clocks_an_employee_in_with_NIP_and_PIN()
    {
        var page = await browser.LoginAsync(_server, "loket", "Antrean-pagi-12", "/absensi/kiosk");

        await page.FillAsync("#nip", "198703152010012002");
        await page.FillAsync("#pin", "0000");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#result")).ToContainTextAsync("PIN salah");
        await page.FillAsync("#nip", "198703152010012002");
        await page.FillAsync("#pin", "4321");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("#result")).ToContainTextAsync("Wulan Utami: absen masuk");
        using var c = _server.Database.Open();
        Assert.Equal(1, c.ExecuteScalar<long>("SELECT COUNT(*) FROM attendance_punches WHERE source = 'kiosk'"));
    }

    [Fact]
    public async Task The_head_gives_an_employee_the_machine_id_an_import_reported_unknown()
    {
        var page = await browser.LoginAsync(_server, "kepala", "Laporan-bulanan-9", "/absensi");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Pegawai" }).ClickAsync();
        await page.Locator("#staff tr", new() { HasText = "Wulan Utami" }).ClickAsync();
        await page.FillAsync("#staff-form input[name=machineId]", "77");
        await page.ClickAsync("#staff-submit");

        await Assertions.Expect(page.Locator("#staff-msg")).ToContainTextAsync("Perubahan disimpan");
        var staff = await _api.GetFromJsonAsync<List<Simpus.Core.Attendance.StaffMember>>("/api/attendance/staff", ApiExtensions.Json);
        var wulan = Assert.Single(staff!);
        Assert.Equal(("77", "198703152010012002", true), (wulan.MachineId, wulan.Nip, wulan.HasPin));
    }
}
