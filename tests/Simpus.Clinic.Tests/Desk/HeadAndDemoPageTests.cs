using System.Globalization;
using Dapper;
using Microsoft.Playwright;
using Simpus.Clinic.Tests.Infrastructure;
using Simpus.Clinic.Demo;

namespace Simpus.Clinic.Tests.Desk;

/// <summary>Issue 10 point 8 (/absensi only): the recap opens on the last month with data and its totals stay in view at 1366 px.</summary>
[Collection("browser")]
public sealed class AbsensiFirstScreenTests(BrowserFixture browser, DeskSite site) : IClassFixture<DeskSite>
{
    [Fact]
    public async Task Issue_10_8_absensi_opens_on_the_last_month_with_records_and_keeps_the_totals_visible()
    {
        (await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(site.Admin, "/api/attendance/staff", new
        {
            nip = "198703152010012002", name = "Wulan Utami", position = "Bidan", unit = "KIA", machineId = "21", activeFrom = "2020-01-01",
        })).EnsureSuccessStatusCode();
        // Punches only two months ago: this month and last month are empty.
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-2);
        using (var c = site.Server.Database.Open())
        {
            var staff = c.ExecuteScalar<long>("SELECT id FROM staff WHERE machine_id = '21'");
            for (var d = month; d < month.AddMonths(1); d = d.AddDays(1))
            {
                if (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                {
                    continue;
                }
                var day = d.ToDateTime(new TimeOnly(0, 0));
                c.Execute("INSERT INTO attendance_punches (staff_id, punched_at, source) VALUES (@staff, @a, 'kiosk'), (@staff, @b, 'kiosk')", new
                {
                    staff,
                    a = new DateTimeOffset(day.AddHours(7).AddMinutes(25), TimeSpan.FromHours(7)),
                    b = new DateTimeOffset(day.AddHours(16).AddMinutes(5), TimeSpan.FromHours(7)),
                });
            }
        }

        var page = await browser.LoginAsync(site.Server, "kepala", DeskSite.Password, "/absensi");

        await Assertions.Expect(page.Locator("#month")).ToHaveValueAsync(month.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#grid")).ToContainTextAsync("Wulan Utami");
        foreach (var total in new[] { "HK", "H", "TK", "%Tepat" })
        {
            var header = page.Locator("#grid thead th.tot").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{System.Text.RegularExpressions.Regex.Escape(total)}$") });
            var box = (await header.BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= 1366, $"{total} at x={box.X}");
            // Nothing covers it: the element at its centre is the header itself.
            var onTop = await page.EvaluateAsync<bool>(
                "a => { const e = document.elementFromPoint(a.x, a.y); return !!e && e.closest('th') !== null && e.closest('th').textContent === a.text; }",
                new { x = (double)box.X + box.Width / 2.0, y = (double)box.Y + box.Height / 2.0, text = total });
            Assert.True(onTop, $"{total} is covered");
        }
        var wulan = page.Locator("#grid tbody tr").Filter(new() { HasText = "Wulan Utami" });
        await Assertions.Expect(wulan.Locator("td.tot").First).ToBeInViewportAsync();
    }
}

/// <summary>Issue 10 point 9 (not the KIA part): the demo's complaints fit the poli, and today's queue is open whenever it is made.</summary>
[Collection("browser")]
public sealed class DemoFirstScreenTests(BrowserFixture browser) : IAsyncLifetime
{
    private ClinicServer _server = null!;

    public async Task InitializeAsync() => _server = await ClinicServer.StartAsync("--demo");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Issue_10_9_the_demo_desk_has_patients_waiting_and_the_doctor_sees_no_dental_complaints()
    {
        var desk = await browser.LoginAsync(_server, "loket", DemoRunner.DemoPassword, "/pendaftaran");
        await Assertions.Expect(desk.Locator("#antreanMenunggu tbody tr").First).ToBeVisibleAsync();
        Assert.True(await desk.Locator("#antreanMenunggu tbody tr").CountAsync() >= 3);

        var doctor = await browser.LoginAsync(_server, "dokter", DemoRunner.DemoPassword, "/poli");
        await Assertions.Expect(doctor.Locator("#daftar tr[data-id]").First).ToBeVisibleAsync();
        var complaints = await doctor.Locator("#daftar tr[data-id] td:nth-child(5)").AllTextContentsAsync();
        Assert.NotEmpty(complaints);
        var dental = new System.Text.RegularExpressions.Regex(@"\b(gigi|gusi)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        Assert.DoesNotContain(complaints, c => dental.IsMatch(c) || c.Contains("Periksa kehamilan", StringComparison.Ordinal));
        using var c = _server.Database.Open();
        // "gigi" or "gusi" as a word (not "menggigil", "digigit") only at the poli gigi.
        Assert.Equal(0, c.ExecuteScalar<long>("""
            SELECT COUNT(*) FROM visits WHERE poli <> 'gigi'
              AND (' ' || replace(lower(complaint), ',', ' ') || ' ' LIKE '% gigi %' OR ' ' || replace(lower(complaint), ',', ' ') || ' ' LIKE '% gusi %')
            """));
        Assert.Equal(0, c.ExecuteScalar<long>("""
            SELECT COUNT(*) FROM visits v JOIN diagnoses d ON d.visit_id = v.id AND d.is_primary = 1
            WHERE v.poli = 'umum' AND d.code = 'J06.9' AND v.complaint NOT LIKE '%atuk%' AND v.complaint NOT LIKE '%ilek%' AND v.complaint NOT LIKE '%eriang%'
            """));
    }
}
