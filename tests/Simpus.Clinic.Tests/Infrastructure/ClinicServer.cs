using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
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
    private readonly Dictionary<HttpClient, CookieContainer> _jars = [];
    private int _userCounter;

    private readonly bool _ownsDataDir;
    private bool _disposed;

    private ClinicServer(WebApplication app, string dataDir, Uri baseAddress, bool ownsDataDir)
    {
        _app = app;
        _ownsDataDir = ownsDataDir;
        DataDir = dataDir;
        BaseAddress = baseAddress;
    }

    public string DataDir { get; }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public Database Database => Services.GetRequiredService<Database>();

    public static Task<ClinicServer> StartAsync(params string[] extraArgs) => StartInAsync(null, extraArgs);

    /// <summary>Starts the clinic on an existing data folder (a restart), or on a fresh copy of the template when null.</summary>
    public static async Task<ClinicServer> StartInAsync(string? existingDataDir, params string[] extraArgs)
    {
        var dataDir = existingDataDir ?? TestFolders.New("clinic");
        if (existingDataDir is null)
        {
            TemplateDatabase.CopyTo(Path.Combine(dataDir, ClinicServices.DatabaseFile));
        }
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
        return new ClinicServer(app, dataDir, new Uri(address), existingDataDir is null);
    }

    /// <summary>
    /// An HTTP client with its own cookie jar, not logged in. With <paramref name="fromAddress"/> (another loopback address
    /// such as 127.0.0.2) its connections come from there, as if from another PC on the LAN.
    /// </summary>
    public HttpClient Anonymous(string? fromAddress = null)
    {
        var jar = new CookieContainer();
        var handler = new SocketsHttpHandler { CookieContainer = jar, UseCookies = true, AllowAutoRedirect = false };
        if (fromAddress is not null)
        {
            handler.ConnectCallback = async (context, token) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(fromAddress), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, token);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }
        var client = new HttpClient(handler) { BaseAddress = BaseAddress };
        _clients.Add(client);
        _jars[client] = jar;
        return client;
    }

    /// <summary>The login cookie a client holds now (name=value), to replay it elsewhere.</summary>
    public string AuthCookieOf(HttpClient client) =>
        _jars[client].GetCookies(BaseAddress)[Simpus.Web.Auth.AuthSetup.CookieName] is { } cookie
            ? $"{cookie.Name}={cookie.Value}"
            : throw new InvalidOperationException("The client holds no login cookie");

    /// <summary>A logged-in client as the built-in admin.</summary>
    public Task<HttpClient> AdminAsync() => LoginAsync("admin", AdminPassword);

    /// <summary>Creates a user with the role (and poli) and returns a client logged in as that user.</summary>
    public async Task<HttpClient> ClientAsAsync(string role, string? poli = null) => (await UserAsAsync(role, poli)).Client;

    /// <summary>Creates a user with the role (and poli) and returns their user name and a client logged in as them.</summary>
    public async Task<(string Username, HttpClient Client)> UserAsAsync(string role, string? poli = null, string? fullName = null)
    {
        var username = $"{role}{Interlocked.Increment(ref _userCounter)}";
        Services.GetRequiredService<UserStore>().Create(new UserInput { Username = username, FullName = fullName, Password = UserPassword, Role = role, Poli = poli });
        return (username, await LoginAsync(username, UserPassword));
    }

    public async Task<HttpClient> LoginAsync(string username, string password, string? fromAddress = null)
    {
        var client = Anonymous(fromAddress);
        var response = await client.PostAsJsonAsync("/api/auth/login", new { username, password });
        response.EnsureSuccessStatusCode();
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        foreach (var c in _clients)
        {
            c.Dispose();
        }
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_ownsDataDir)
        {
            TestFolders.TryDelete(DataDir);
        }
    }
}

/// <summary>One clinic server shared by the tests of a class (<c>IClassFixture&lt;SharedClinicServer&gt;</c>): each test makes its own users.</summary>
public sealed class SharedClinicServer : IAsyncLifetime
{
    public ClinicServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ClinicServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
