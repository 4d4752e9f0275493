using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Simpus.District.Tests.Infrastructure;

namespace Simpus.District.Tests.Pages;

/// <summary>Issue 10.1–10.3 and 14.1 on the district service: login, forbidden and unknown pages, own password, sessions.</summary>
[Collection("browser")]
public sealed class DistrictAuthPagesTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string StaffPassword = "Data-kinerja-2026";
    private DistrictServer _district = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _district = await DistrictServer.StartAsync();
        _admin = await _district.AdminAsync();
        var created = await _admin.PostAsJsonAsync("/api/users", new { username = "petugas", fullName = "Dewi Petugas", password = StaffPassword, role = "petugas", nip = "198501012010012001" });
        created.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _district.DisposeAsync();

    [Fact]
    public async Task A_wrong_password_stays_on_the_form_and_the_right_one_goes_where_headed()
    {
        var page = await browser.NewPageAsync(_district);
        await page.GotoAsync("/unggah");
        await page.WaitForURLAsync(new Regex("/login\\?returnUrl=%2Funggah$"));
        await page.FillAsync("#username", "petugas");
        await page.FillAsync("#password", "keliru-sandinya");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#pesan")).ToHaveTextAsync("Nama pengguna atau kata sandi salah.");
        await Assertions.Expect(page.Locator("#username")).ToHaveValueAsync("petugas");
        await page.FillAsync("#password", StaffPassword);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/unggah");

        var hrefs = await page.Locator("header.bar > a").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))");
        Assert.Contains("/unggah", hrefs);
        Assert.DoesNotContain("/pengguna", hrefs);
        var forbidden = await page.GotoAsync("/pengguna");
        Assert.Equal(403, forbidden!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Anda tidak punya akses ke halaman ini");
        await Assertions.Expect(page.Locator("#pengguna")).ToContainTextAsync("Dewi Petugas");
        var unknown = await page.GotoAsync("/rekap-lama");
        Assert.Equal(404, unknown!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Halaman tidak ditemukan");
        Assert.Equal(200, (await page.APIRequest.GetAsync("/favicon.ico")).Status);
    }

    [Fact]
    public async Task Own_password_change_on_the_district_ends_the_other_session()
    {
        var elsewhere = await browser.LoginAsync(_district, "petugas", StaffPassword, "/unggah");
        var page = await browser.LoginAsync(_district, "petugas", StaffPassword, "/akun", closeOthers: false);
        await Assertions.Expect(page.Locator("header.bar")).ToContainTextAsync("Dewi Petugas");
        await Assertions.Expect(page.Locator("#profil")).ToContainTextAsync("198501012010012001");
        await page.FillAsync("#oldPassword", StaffPassword);
        await page.FillAsync("#newPassword", "Laporan-tepat-waktu");
        await page.FillAsync("#ulang", "Laporan-tepat-waktu");
        await page.ClickAsync("#simpanSandi");
        await Assertions.Expect(page.Locator("#pesanSandi")).ToContainTextAsync("Kata sandi sudah diganti");

        await elsewhere.ReloadAsync();
        await elsewhere.WaitForURLAsync(new Regex("/login\\?returnUrl=%2Funggah$"));
    }

    [Fact]
    public async Task The_district_admin_manages_users_and_sessions_on_the_users_page()
    {
        var staff = _district.Anonymous();
        var login = await staff.PostAsJsonAsync("/api/auth/login", new { username = "petugas", password = StaffPassword });
        login.EnsureSuccessStatusCode();
        // Its own cookie name: a clinic on the same PC (same host, another port) keeps its login in the same browser.
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("simpus_dinkes_auth=", StringComparison.Ordinal));
        var page = await browser.LoginAsync(_district, "/pengguna");

        await Assertions.Expect(page.Locator("#daftarSesi")).ToContainTextAsync("Dewi Petugas");
        await Assertions.Expect(page.Locator(".kolom-poli").First).ToBeHiddenAsync();
        await page.Locator("#daftarPengguna tr", new() { HasText = "petugas" }).Locator("button[data-aktif]").ClickAsync();
        await Assertions.Expect(page.Locator("#pesanPengguna")).ToContainTextAsync("dinonaktifkan");
        await Assertions.Expect(page.Locator("#daftarSesi")).Not.ToContainTextAsync("Dewi Petugas");

        Assert.Equal(HttpStatusCode.Unauthorized, (await staff.GetAsync("/api/auth/me")).StatusCode);
    }
}
