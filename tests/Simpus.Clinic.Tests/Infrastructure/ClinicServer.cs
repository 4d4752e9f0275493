using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Simpus.Clinic.Hosting;
using Simpus.Core.Data;
using Simpus.Web.Users;

namespace Simpus.Clinic.Tests.Infrastructure;

/// <summary>
/// The real clinic service on 127.0.0.1 (Kestrel, a random port) over a real SQLite file in a temp folder,
/// copied from a migrated template. Intent-named helpers log in as a role and register patients and visits.
/// </summary>
public sealed class ClinicServer : IAsyncDisposable
{
    public const string AdminPassword = "admin-test-123";
    public const string UserPassword = "Kopi-tubruk-77";

    private readonly WebApplication _app;
    private readonly List<HttpClient> _clients = [];
    private int _userCounter;

    private ClinicServer(WebApplication app, string dataDir, Uri baseAddress)
    {
        _app = app;
        DataDir = dataDir;
        BaseAddress = baseAddress;
    }

    public string DataDir { get; }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public Database Database => Services.GetRequiredService<Database>();

    public static async Task<ClinicServer> StartAsync(params string[] extraArgs)
    {
        var dataDir = TestFolders.New("clinic");
        TemplateDatabase.CopyTo(Path.Combine(dataDir, ClinicServices.DatabaseFile));
        var args = new[]
        {
            $"--Simpus:DataDir={dataDir}",
            $"--Simpus:AdminPassword={AdminPassword}",
            "--urls=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.AspNetCore=Warning",
        }.Concat(extraArgs).ToArray();
        var app = ClinicApp.Build(args, TextWriter.Null) ?? throw new InvalidOperationException("Clinic app did not build");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ClinicServer(app, dataDir, new Uri(address));
    }

    /// <summary>An HTTP client with its own cookie jar, not logged in.</summary>
    public HttpClient Anonymous()
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = BaseAddress,
        };
        _clients.Add(client);
        return client;
    }

    /// <summary>A logged-in client as the built-in admin.</summary>
    public Task<HttpClient> AdminAsync() => LoginAsync("admin", AdminPassword);

    /// <summary>Creates a user with the role (and poli) and returns a client logged in as that user.</summary>
    public async Task<HttpClient> ClientAsAsync(string role, string? poli = null)
    {
        var username = $"{role}{Interlocked.Increment(ref _userCounter)}";
        Services.GetRequiredService<UserStore>().Create(new UserInput { Username = username, Password = UserPassword, Role = role, Poli = poli });
        return await LoginAsync(username, UserPassword);
    }

    public async Task<HttpClient> LoginAsync(string username, string password)
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { username, password });
        response.EnsureSuccessStatusCode();
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _clients)
        {
            c.Dispose();
        }
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TestFolders.TryDelete(DataDir);
    }
}
