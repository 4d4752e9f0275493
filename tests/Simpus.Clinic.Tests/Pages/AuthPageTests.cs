using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Simpus.Clinic.Tests.Infrastructure;

namespace Simpus.Clinic.Tests.Pages;

/// <summary>Issue 10.1–10.3 in the browser: login, forbidden and unknown pages, menus by role, own password.</summary>
[Collection("browser")]
public sealed class AuthPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string DeskPassword = "Antrean-pagi-12";
    private ClinicServer _server = null!;
    private HttpClient _api = null!;

    public async Task InitializeAsync()
    {
        _server = await ClinicServer.StartAsync();
        _api = await _server.AdminAsync();
        await _api.PostAsJsonAsync("/api/users", new { username = "loket", fullName = "Rina Loket", password = DeskPassword, role = "pendaftaran" });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_wrong_password_is_shown_on_the_form_and_the_right_one_goes_where_the_user_was_headed()
    {
        var page = await browser.NewPageAsync(_server);
        await page.GotoAsync("/pendaftaran");
        await page.WaitForURLAsync(new Regex("/login\\?returnUrl=%2Fpendaftaran$"));

        await page.FillAsync("#username", "loket");
        await page.FillAsync("#password", "salah-sandi");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("#pesan")).ToHaveTextAsync("Nama pengguna atau kata sandi salah.");
        await Assertions.Expect(page.Locator("#username")).ToHaveValueAsync("loket");
        Assert.EndsWith("/login?returnUrl=%2Fpendaftaran", page.Url, StringComparison.Ordinal);
        await page.FillAsync("#password", DeskPassword);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/pendaftaran");
        await Assertions.Expect(page.Locator("header.bar")).ToContainTextAsync("Rina Loket");

        // A returnUrl pointing at the login page itself does not loop back to it.
        var other = await browser.NewPageAsync(_server);
        await other.GotoAsync("/login?returnUrl=%2Flogin");
        await other.FillAsync("#username", "loket");
        await other.FillAsync("#password", DeskPassword);
        await other.Keyboard.PressAsync("Enter");
        await other.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
    }

    [Fact]
    public async Task The_desk_opening_pages_of_other_roles_sees_the_Indonesian_page_and_unknown_pages_say_so()
    {
        var rm = (await _api.RegisterPatientAsync()).Rm();
        var page = await browser.LoginAsync(_server, "loket", DeskPassword, "/pendaftaran");

        foreach (var path in new[] { "/poli", "/laporan", "/absensi", "/admin", $"/pasien/{rm}/riwayat" })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(403, response!.Status);
            Assert.Equal(path, new Uri(page.Url).AbsolutePath);
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Anda tidak punya akses ke halaman ini");
            await Assertions.Expect(page.Locator("#pengguna")).ToContainTextAsync("Rina Loket");
            await Assertions.Expect(page.Locator("#beranda")).ToHaveAttributeAsync("href", "/");
        }
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "simpus-403.png") });
        await page.ClickAsync("#beranda");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");

        var unknown = await page.GotoAsync("/laporan-lama");
        Assert.Equal(404, unknown!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Halaman tidak ditemukan");
        var favicon = await page.APIRequest.GetAsync("/favicon.ico");
        Assert.Equal(200, favicon.Status);
    }

    [Fact]
    public async Task Menus_show_only_what_the_role_may_open()
    {
        await _api.PostAsJsonAsync("/api/users", new { username = "dokter", password = "Stetoskop-12345", role = "klinisi", poli = "umum" });
        await _api.PostAsJsonAsync("/api/users", new { username = "kepala", password = "Laporan-bulanan-9", role = "kepala" });
        // Each role's menu must hold these pages and none it may not open (every link is opened below).
        var expected = new Dictionary<string, (string[] Has, string[] HasNot)>
        {
            ["loket"] = (["/", "/pendaftaran", "/antrian"], ["/poli", "/laporan", "/absensi", "/admin", "/pengguna", "/akses"]),
            ["dokter"] = (["/", "/poli", "/antrian"], ["/pendaftaran", "/laporan", "/absensi", "/admin", "/pengguna", "/akses"]),
            ["kepala"] = (["/", "/poli", "/laporan", "/absensi", "/akses"], ["/pendaftaran", "/admin", "/pengguna"]),
            ["admin"] = (["/", "/pendaftaran", "/poli", "/laporan", "/absensi", "/akses", "/admin", "/pengguna"], []),
        };
        var passwords = new Dictionary<string, string>
        {
            ["loket"] = DeskPassword, ["dokter"] = "Stetoskop-12345", ["kepala"] = "Laporan-bulanan-9", ["admin"] = ClinicServer.AdminPassword,
        };

        foreach (var (user, (has, hasNot)) in expected)
        {
            var page = await browser.LoginAsync(_server, user, passwords[user]);
            await Assertions.Expect(page.Locator("#keluar")).ToBeVisibleAsync();
            var hrefs = await page.Locator("header.bar > a").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))");
            Assert.All(has, h => Assert.Contains(h, hrefs));
            Assert.All(hasNot, h => Assert.DoesNotContain(h, hrefs));
            foreach (var href in hrefs.Append("/akun"))
            {
                var response = await page.APIRequest.GetAsync(href);
                Assert.True(response.Status == 200, $"{user} {href} {response.Status}");
            }
        }
    }

    [Fact]
    public async Task Changing_the_own_password_ends_the_session_on_the_other_computer()
    {
        var otherComputer = await browser.LoginAsync(_server, "loket", DeskPassword, "/pendaftaran");
        var page = await browser.LoginAsync(_server, "loket", DeskPassword, "/", closeOthers: false);

        await page.ClickAsync("header.bar a[href='/akun']");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/akun");
        await Assertions.Expect(page.Locator("#profil")).ToContainTextAsync("Rina Loket");
        await page.FillAsync("#oldPassword", "bukan-sandi-lama");
        await page.FillAsync("#newPassword", "Kopi-susu-gula-aren");
        await page.FillAsync("#ulang", "Kopi-susu-gula-aren");
        await page.ClickAsync("#simpanSandi");
        await Assertions.Expect(page.Locator("[data-error='oldPassword']")).ToHaveTextAsync("Kata sandi lama salah.");
        await page.FillAsync("#oldPassword", DeskPassword);
        await page.FillAsync("#newPassword", "password123");
        await page.FillAsync("#ulang", "password123");
        await page.ClickAsync("#simpanSandi");
        await Assertions.Expect(page.Locator("[data-error='newPassword']")).ToContainTextAsync("terlalu umum");
        await page.FillAsync("#newPassword", "Kopi-susu-gula-aren");
        await page.FillAsync("#ulang", "Kopi-susu-gula-aren");
        await page.ClickAsync("#simpanSandi");
        await Assertions.Expect(page.Locator("#pesanSandi")).ToContainTextAsync("Kata sandi sudah diganti");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "simpus-akun.png") });

        await otherComputer.ReloadAsync();
        await otherComputer.WaitForURLAsync(new Regex("/login\\?returnUrl=%2Fpendaftaran$"));
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#profil")).ToContainTextAsync("loket");
        Assert.Equal("/akun", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task The_admin_resets_a_password_and_ends_a_session_on_the_users_page()
    {
        var desk = await browser.LoginAsync(_server, "loket", DeskPassword, "/pendaftaran");
        var page = await browser.LoginAsync(_server, "admin", ClinicServer.AdminPassword, "/pengguna", closeOthers: false);

        await Assertions.Expect(page.Locator("#daftarSesi")).ToContainTextAsync("Rina Loket");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "simpus-pengguna.png"), FullPage = true });
        await page.Locator("#daftarSesi tr", new() { HasText = "Rina Loket" }).Locator("button[data-akhiri]").ClickAsync();
        await Assertions.Expect(page.Locator("#pesanSesi")).ToContainTextAsync("Sesi diakhiri");
        await Assertions.Expect(page.Locator("#daftarSesi")).Not.ToContainTextAsync("Rina Loket");
        await desk.ReloadAsync();
        await desk.WaitForURLAsync(new Regex("/login\\?returnUrl=%2Fpendaftaran$"));

        await page.Locator("#daftarPengguna tr", new() { HasText = "loket" }).Locator("button[data-ubah]").ClickAsync();
        await Assertions.Expect(page.Locator("#uUsername")).ToHaveValueAsync("loket");
        await page.FillAsync("#uPassword", "Sandi-baru-loket-1");
        await page.FillAsync("#uNip", "19800517 200604 1 001");
        await page.ClickAsync("#simpanPengguna");
        await Assertions.Expect(page.Locator("#pesanPengguna")).ToContainTextAsync("diatur ulang");
        await Assertions.Expect(page.Locator("#daftarPengguna")).ToContainTextAsync("198005172006041001");
        var login = await _server.Anonymous().PostAsJsonAsync("/api/auth/login", new { username = "loket", password = "Sandi-baru-loket-1" });
        Assert.True(login.IsSuccessStatusCode);
    }
}
