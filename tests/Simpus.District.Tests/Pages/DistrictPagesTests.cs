using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Simpus.District.Tests.Infrastructure;

namespace Simpus.District.Tests.Pages;

/// <summary>The pages in a real browser: the district's registry, upload and dashboard, and the clinic's "Kirim ke Dinkes".</summary>
[Collection("browser")]
public sealed class DistrictPagesTests(BrowserFixture browser) : IAsyncLifetime
{
    private DistrictServer _district = null!;

    public async Task InitializeAsync() => _district = await DistrictServer.StartAsync();

    public async Task DisposeAsync() => await _district.DisposeAsync();

    [Fact]
    public async Task Staff_register_a_puskesmas_upload_its_file_and_see_it_on_the_dashboard()
    {
        var page = await browser.LoginAsync(_district, "/puskesmas");
        await page.FillAsync("#code", "P001");
        await page.FillAsync("#name", "Puskesmas Satu");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#kunci")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f]{64}$"));
        var key = await page.Locator("#kunci").TextContentAsync();
        await Assertions.Expect(page.Locator("#daftar")).ToContainTextAsync("Puskesmas Satu");

        var file = Path.Combine(_district.DataDir, "paket-P001.json");
        await File.WriteAllBytesAsync(file, TestPackages.File(TestPackages.Package("P001", TestPackages.LastMonth), key!));
        await page.GotoAsync("/unggah");
        await page.SetInputFilesAsync("#berkas", file);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#hasil")).ToContainTextAsync("Diterima");

        await page.GotoAsync("/?month=" + TestPackages.LastMonth);
        await Assertions.Expect(page.Locator("#kartu")).ToContainTextAsync("Kelengkapan100 %");
        await Assertions.Expect(page.Locator("#tabel")).ToContainTextAsync("Puskesmas Satu");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#unduh"));
        Assert.Equal($"dinkes-{TestPackages.LastMonth}.xlsx", download.SuggestedFilename);
    }

    [Fact]
    public async Task The_head_sends_the_month_from_the_report_page_and_sees_it_accepted()
    {
        var key = await _district.RegisterAsync("P001", "Puskesmas Satu");
        await using var clinic = await ClinicServer.StartAsync();
        var admin = await clinic.ConfigureAsync("P001", "Puskesmas Satu", _district.BaseAddress.ToString(), key);
        await clinic.AddVisitsAsync(admin, 2);

        var page = await browser.LoginAsync(clinic, "/laporan");
        await page.FillAsync("#dinkes-bulan", TestPackages.ThisMonth.ToString());
        await page.ClickAsync("#dinkes-kirim");
        await Assertions.Expect(page.Locator("#dinkes-pesan")).ToContainTextAsync("masuk antrean kirim");
        await Assertions.Expect(page.Locator("#dinkes-antrean")).ToContainTextAsync("Diterima Dinkes", new() { Timeout = 45_000 });

        var packages = await (await _district.AdminAsync()).GetFromJsonAsync<JsonElement>("/api/packages");
        Assert.Equal(1, packages.GetArrayLength());
    }
}
