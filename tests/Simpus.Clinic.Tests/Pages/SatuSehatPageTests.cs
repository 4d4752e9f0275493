using Microsoft.Playwright;
using Simpus.Clinic.Tests.Infrastructure;
using Simpus.Clinic.Tests.SatuSehat;

namespace Simpus.Clinic.Tests.Pages;

/// <summary>The SATUSEHAT admin page and the status on the poli worklist, in headless Chromium at 1366×768.</summary>
[Collection("browser")]
public sealed class SatuSehatPageTests(BrowserFixture browser, SatuSehatFixture f) : IClassFixture<SatuSehatFixture>
{
    [Fact]
    public async Task The_admin_sees_what_needs_attention_resends_it_and_the_poli_sees_each_visits_status()
    {
        var (held, _, _) = await f.PatientAsync(inMpi: false, name: "Paijo Sastro", sex: "L", birth: "1958-08-17");
        var (ok, _, _) = await f.PatientAsync(name: "Wulan Sari", birth: "1999-12-01");
        var heldVisit = await f.FinishedVisitAsync(held);
        var okVisit = await f.FinishedVisitAsync(ok);
        await f.WaitForAsync(heldVisit, s => s.GetProperty("status").GetString() == "ditahan", "ditahan");
        await f.WaitSentAsync(okVisit);

        var page = await browser.LoginAsync(f.Server, "admin", ClinicServer.AdminPassword, "/admin/satusehat");
        var row = page.Locator("#perhatian tr", new() { HasText = held });
        await Assertions.Expect(row).ToContainTextAsync("ditahan");
        await Assertions.Expect(row).ToContainTextAsync("tidak ditemukan di SATUSEHAT");
        await Assertions.Expect(page.Locator("#pasien")).ToContainTextAsync(held);
        await Assertions.Expect(page.Locator("#baseUrl")).ToHaveValueAsync(f.Double.BaseUrl);
        await Assertions.Expect(page.Locator("#asal-baseUrl")).ToContainTextAsync("konfigurasi");
        await Assertions.Expect(page.Locator("#clientSecret")).ToHaveValueAsync("");
        await page.ScreenshotAsync(new() { Path = Screens("satusehat-admin.png"), FullPage = true });

        // The patient turns out to be registered at SATUSEHAT: resend from the page.
        using (var c = f.Server.Database.Open())
        {
            f.Double.AddPatient(Dapper.SqlMapper.ExecuteScalar<string>(c, "SELECT nik FROM patients WHERE rm = @held", new { held })!, "Paijo Sastro");
        }
        await row.GetByRole(AriaRole.Button, new() { Name = "Kirim ulang" }).ClickAsync();
        await Assertions.Expect(page.Locator("#pesanKirim")).ToContainTextAsync("antrean kirim");
        await f.WaitSentAsync(heldVisit);

        var poli = await browser.LoginAsync(f.Server, f.ClinicianUsername, ClinicServer.UserPassword, "/poli");
        await Assertions.Expect(poli.Locator($"#daftar tr[data-id='{okVisit}'] .satusehat")).ToHaveTextAsync("SATUSEHAT: terkirim");
        await poli.ScreenshotAsync(new() { Path = Screens("satusehat-poli.png") });

        // SATUSEHAT down: the page shows the pause as a problem, with what waits, and goes back to normal once it is sent.
        f.Double.Down = true;
        long late;
        try
        {
            late = await f.FinishedVisitAsync(ok);
            page = await browser.LoginAsync(f.Server, "admin", ClinicServer.AdminPassword, "/admin/satusehat");
            var state = page.Locator("#keadaan.pesan.galat");
            await Assertions.Expect(state).ToContainTextAsync("Pengiriman dijeda sampai", new() { Timeout = 60_000 });
            await Assertions.Expect(state).ToContainTextAsync("1 kunjungan menunggu");
            // The double drops the connection: said in Indonesian with the address, not .NET's "An error occurred while sending".
            await Assertions.Expect(state).ToContainTextAsync($"tidak dapat dihubungi: sambungan terputus sebelum jawaban lengkap ({new Uri(f.Double.BaseUrl).Authority})");
            await page.ScreenshotAsync(new() { Path = Screens("satusehat-admin-jeda.png") });
        }
        finally
        {
            f.Double.Down = false;
        }
        await f.WaitSentAsync(late);
        await page.ReloadAsync(new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Assertions.Expect(page.Locator("#keadaan")).ToHaveTextAsync("Semua kunjungan yang selesai sudah diproses.");
        await Assertions.Expect(page.Locator("#keadaan")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("galat"));
    }

    private static string Screens(string file)
    {
        var folder = Path.Combine(Path.GetTempPath(), "simpus-screens");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, file);
    }
}
