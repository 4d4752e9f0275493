using Microsoft.Playwright;
using Simpus.Tests.Shared;

namespace Simpus.District.Tests.Infrastructure;

/// <summary>The shared headless Chromium (<see cref="HeadlessBrowser"/>), opened on a clinic or district server.</summary>
public sealed class BrowserFixture : HeadlessBrowser
{
    /// <summary>Logged in through the login page as admin.</summary>
    public Task<IPage> LoginAsync(RealServer server, string path = "/") => LoginAsync(server, "admin", RealServer.AdminPassword, path);

    public Task<IPage> LoginAsync(RealServer server, string username, string password, string path = "/", bool closeOthers = true) =>
        LoginAsync(server.BaseAddress, username, password, path, closeOthers);

    public Task<IPage> NewPageAsync(RealServer server, bool closeOthers = true) => NewPageAsync(server.BaseAddress, closeOthers);
}

[CollectionDefinition("browser")]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;
