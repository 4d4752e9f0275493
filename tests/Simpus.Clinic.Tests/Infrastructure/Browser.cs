using Microsoft.Playwright;
using Simpus.Tests.Shared;

namespace Simpus.Clinic.Tests.Infrastructure;

/// <summary>The shared headless Chromium (<see cref="HeadlessBrowser"/>), opened on a clinic server.</summary>
public sealed class BrowserFixture : HeadlessBrowser
{
    public Task<IPage> LoginAsync(ClinicServer server, string username, string password, string path = "/", bool closeOthers = true) =>
        LoginAsync(server.BaseAddress, username, password, path, closeOthers);

    public Task<IPage> NewPageAsync(ClinicServer server, bool closeOthers = true) => NewPageAsync(server.BaseAddress, closeOthers);
}

[CollectionDefinition("browser")]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;
