using Microsoft.Playwright;
using Xunit;

namespace Simpus.Tests.Shared;

/// <summary>
/// One headless Debian Chromium (driven by Playwright) shared by the page tests of a run. Each test project derives its
/// <c>BrowserFixture</c> from it (with overloads for its own server type) and puts the tests using it in its "browser" collection,
/// so that they run one after another.
/// </summary>
public abstract class HeadlessBrowser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    private readonly List<IBrowserContext> _contexts = [];

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (apt-get install chromium); .ci/run does it.");
        }
        // Generous waits: CI machines have two cores shared by several test assemblies running at once.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context (own cookies) with a 1366×768 window and Indonesian locale, logged in through the login page.</summary>
    public async Task<IPage> LoginAsync(Uri server, string username, string password, string path = "/", bool closeOthers = true)
    {
        var page = await NewPageAsync(server, closeOthers);
        await page.GotoAsync("/login?returnUrl=" + Uri.EscapeDataString(path));
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path, new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        return page;
    }

    /// <summary>A page in a fresh browser context (own cookies, 1366×768, Indonesian locale), not logged in.</summary>
    public async Task<IPage> NewPageAsync(Uri server, bool closeOthers = true)
    {
        // Tests of the "browser" collection run one at a time: pages of earlier tests (with their polling timers
        // against servers already stopped) are closed before the next test starts.
        if (closeOthers)
        {
            foreach (var old in _contexts)
            {
                await old.CloseAsync();
            }
            _contexts.Clear();
        }
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            Locale = "id-ID",
            TimezoneId = "Asia/Jakarta",
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(30_000);
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
    }
}
