using Microsoft.Playwright;
using Simpus.Clinic.Tests.Infrastructure;

namespace Simpus.Clinic.Tests.Pages;

[Collection("browser")]
public sealed class BackupPanelPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private ClinicServer _server = null!;
    private readonly string _folder = TestFolders.New("backup-page");

    public async Task InitializeAsync() => _server = await ClinicServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        TestFolders.TryDelete(_folder);
    }

    [Fact]
    public async Task The_admin_sees_the_warning_chooses_a_folder_backs_up_now_and_sees_the_last_good_backup()
    {
        var page = await browser.LoginAsync(_server, "admin", ClinicServer.AdminPassword, "/admin");

        await Assertions.Expect(page.Locator("#peringatanCadangan")).ToContainTextAsync("Belum ada cadangan yang berhasil.");
        await Assertions.Expect(page.Locator("#peringatanCadangan")).ToContainTextAsync("disk yang sama");
        await page.FillAsync("#bFolder", "cadangan");
        await page.ClickAsync("#formCadangan button[type=submit]");
        await Assertions.Expect(page.Locator("[data-error=folder]")).ToContainTextAsync("folder lengkap");
        await page.FillAsync("#bFolder", _folder);
        await page.ClickAsync("#formCadangan button[type=submit]");
        await Assertions.Expect(page.Locator("#pesanCadangan")).ToHaveTextAsync("Folder cadangan tersimpan.");
        await page.ClickAsync("#cadangkanSekarang");

        await Assertions.Expect(page.Locator("#pesanCadangan")).ToContainTextAsync("Selesai: simpus-");
        await Assertions.Expect(page.Locator("#ringkasanCadangan")).ToContainTextAsync("Cadangan baik terakhir");
        await Assertions.Expect(page.Locator("#ringkasanCadangan")).ToContainTextAsync(_folder);
        await Assertions.Expect(page.Locator("#peringatanCadangan")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#daftarCadangan tr")).ToHaveCountAsync(1);
        await page.Locator("#panelCadangan").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "simpus-admin-cadangan.png") });
    }
}
