using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Simpus.Clinic.Hosting;
using Simpus.Core.Data;
using Simpus.District.Hosting;

namespace Simpus.District.Tests.Infrastructure;

/// <summary>A real service (clinic or district) on 127.0.0.1 with logged-in HTTP clients.</summary>
public abstract class RealServer(WebApplication app, string dataDir, Uri baseAddress, bool ownsDataDir) : IAsyncDisposable
{
    public const string AdminPassword = "admin-test-123";

    private readonly List<HttpClient> _clients = [];
    private bool _stopped;

    public string DataDir { get; } = dataDir;

    public Uri BaseAddress { get; } = baseAddress;

    public IServiceProvider Services => app.Services;

    public Database Database => Services.GetRequiredService<Database>();

    public HttpClient Anonymous()
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        _clients.Add(client);
        return client;
    }

    public async Task<HttpClient> AdminAsync()
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = AdminPassword });
        response.EnsureSuccessStatusCode();
        return client;
    }

    protected static string[] Args(string dataDir, int port, IEnumerable<string> extra) =>
    [
        $"--Simpus:DataDir={dataDir}",
        $"--Simpus:AdminPassword={AdminPassword}",
        $"--urls=http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
        "--Logging:LogLevel:Default=Warning",
        "--Logging:LogLevel:Microsoft.AspNetCore=Warning",
        .. extra,
    ];

    protected static Uri AddressOf(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Stops the service but keeps its data folder (to start it again later).</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }
        _stopped = true;
        foreach (var c in _clients)
        {
            c.Dispose();
        }
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (ownsDataDir)
        {
            TestFolders.TryDelete(DataDir);
        }
        GC.SuppressFinalize(this);
    }
}

public sealed class DistrictServer : RealServer
{
    private DistrictServer(WebApplication app, string dataDir, Uri baseAddress, bool owns) : base(app, dataDir, baseAddress, owns)
    {
    }

    /// <summary>Starts the district service; pass a data folder and port to start it again where it was.</summary>
    public static async Task<DistrictServer> StartAsync(string? dataDir = null, int port = 0, params string[] extra)
    {
        var owns = dataDir is null;
        dataDir ??= TestFolders.New("district");
        var app = DistrictApp.Build(Args(dataDir, port, extra), TextWriter.Null);
        await app.StartAsync();
        return new DistrictServer(app, dataDir, AddressOf(app), owns);
    }

    /// <summary>Registers a puskesmas as the admin and returns the key answered once.</summary>
    public async Task<string> RegisterAsync(string code, string name)
    {
        var admin = await AdminAsync();
        var response = await admin.PostAsJsonAsync("/api/puskesmas", new { code, name });
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Register failed {(int)response.StatusCode}: {json}");
        }
        return json.GetProperty("key").GetString()!;
    }
}

public sealed class ClinicServer : RealServer
{
    private ClinicServer(WebApplication app, string dataDir, Uri baseAddress) : base(app, dataDir, baseAddress, true)
    {
    }

    /// <summary>The real clinic with a fast background sender (retries after 0.2 s, at most 1 s apart).</summary>
    public static Task<ClinicServer> StartAsync(params string[] extra) => StartInAsync(null, extra);

    /// <summary>Starts a clinic on an existing data folder (a restart), or on a fresh copy of the template when null.</summary>
    public static async Task<ClinicServer> StartInAsync(string? existingDataDir, params string[] extra)
    {
        var dataDir = existingDataDir ?? TestFolders.New("clinic");
        if (existingDataDir is null)
        {
            TemplateDatabase.CopyTo(Path.Combine(dataDir, ClinicServices.DatabaseFile));
        }
        string[] fast = ["--Simpus:District:RetryBaseSeconds=0.2", "--Simpus:District:RetryMaxSeconds=1", "--Simpus:District:PollSeconds=0.5"];
        var app = ClinicApp.Build(Args(dataDir, 0, fast.Concat(extra)), TextWriter.Null) ?? throw new InvalidOperationException("Clinic app did not build");
        await app.StartAsync();
        return new ClinicServer(app, dataDir, AddressOf(app));
    }

    /// <summary>Sets who this puskesmas is and where/how it reports to the district.</summary>
    public async Task<HttpClient> ConfigureAsync(string code, string name, string? districtUrl, string key)
    {
        var admin = await AdminAsync();
        var settings = await admin.PutAsJsonAsync("/api/settings",
            new { code, name, regionCode = "33.73", timeZone = "WIB", rmFormat = Simpus.Core.Identity.RmNumber.DefaultFormat });
        settings.EnsureSuccessStatusCode();
        var district = await admin.PutAsJsonAsync("/api/settings/district", new { url = districtUrl, key });
        district.EnsureSuccessStatusCode();
        return admin;
    }

    /// <summary>Registers patients and visits (now) through the API: <paramref name="visits"/> visits spread over polis and payers.</summary>
    public async Task AddVisitsAsync(HttpClient admin, int visits)
    {
        string[] poli = ["umum", "gigi", "kia"];
        string[] payers = ["bpjs-pbi", "umum", "bpjs-non-pbi"];
        for (var i = 0; i < visits; i++)
        {
            var patient = await admin.PostAsJsonAsync("/api/patients", PatientBuilder.Valid(i % 2 == 0 ? "L" : "P"));
            var json = await patient.Content.ReadFromJsonAsync<JsonElement>();
            if (!patient.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Register patient failed {(int)patient.StatusCode}: {json}");
            }
            var rm = json.GetProperty("rm").GetString();
            var visit = await admin.PostAsJsonAsync("/api/visits", new { rm, poli = poli[i % 3], payer = payers[i % 3], complaint = "Demam" });
            if (!visit.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Register visit failed {(int)visit.StatusCode}: {await visit.Content.ReadAsStringAsync()}");
            }
        }
    }

    /// <summary>Gives every visit a primary diagnosis (and every third a secondary one), cycling codes and Baru/Lama/KKL, straight in SQL.</summary>
    public void AddDiagnoses()
    {
        using var c = Database.Open();
        using var t = c.BeginTransaction();
        void Exec(string sql, params (string Name, object Value)[] args)
        {
            using var cmd = c.CreateCommand();
            cmd.Transaction = t;
            cmd.CommandText = sql;
            foreach (var (name, value) in args)
            {
                cmd.Parameters.AddWithValue(name, value);
            }
            cmd.ExecuteNonQuery();
        }
        foreach (var (code, name) in new[] { ("J06.9", "ISPA"), ("I10", "Hipertensi esensial"), ("A09", "Diare dan gastroenteritis") })
        {
            Exec("INSERT OR IGNORE INTO icd10 (code, name_id, category) VALUES ($c, $n, $k)", ("$c", code), ("$n", name), ("$k", code[..3]));
        }
        var ids = new List<long>();
        using (var q = c.CreateCommand())
        {
            q.Transaction = t;
            q.CommandText = "SELECT id FROM visits WHERE status <> 'cancelled' ORDER BY id";
            using var r = q.ExecuteReader();
            while (r.Read())
            {
                ids.Add(r.GetInt64(0));
            }
        }
        string[] codes = ["J06.9", "I10", "A09"];
        string[] types = ["baru", "lama", "kkl", "baru"];
        for (var i = 0; i < ids.Count; i++)
        {
            Exec("INSERT INTO diagnoses (visit_id, code, is_primary, case_type, created_at, created_by) VALUES ($v, $c, 1, $t, '2026-01-01T00:00:00.000Z', 'test')",
                ("$v", ids[i]), ("$c", codes[i % 3]), ("$t", types[i % 4]));
            if (i % 3 == 0)
            {
                Exec("INSERT INTO diagnoses (visit_id, code, is_primary, case_type, created_at, created_by) VALUES ($v, $c, 0, 'baru', '2026-01-01T00:00:00.000Z', 'test')",
                    ("$v", ids[i]), ("$c", codes[(i + 1) % 3]));
            }
        }
        t.Commit();
    }
}

/// <summary>A clinic database migrated once per test run; each clinic gets its own copy.</summary>
public static class TemplateDatabase
{
    private static readonly Lazy<string> Template = new(() =>
    {
        var folder = TestFolders.New("template");
        var db = new Database(Path.Combine(folder, "template.db"));
        Migrator.ForClinic(db).MigrateUp();
        // The official region list once per run, so that no test pays for loading its 91,599 rows.
        new Simpus.Core.Regions.RegionDirectory(db).EnsureLoaded();
        using (var c = db.Open())
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            cmd.ExecuteNonQuery();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return db.FilePath;
    });

    public static void CopyTo(string destination) => File.Copy(Template.Value, destination, overwrite: true);
}

/// <summary>Valid patient requests with NIKs consistent with birth date and sex.</summary>
public static class PatientBuilder
{
    private static int _serial;

    public static Dictionary<string, object?> Valid(string sex)
    {
        var serial = Interlocked.Increment(ref _serial);
        var birth = new DateOnly(1970, 1, 1).AddDays(serial * 97 % 15000);
        var day = birth.Day + (sex == "P" ? 40 : 0);
        var nik = string.Create(CultureInfo.InvariantCulture, $"337304{day:00}{birth.Month:00}{birth.Year % 100:00}{serial % 9999 + 1:0000}");
        return new Dictionary<string, object?>
        {
            ["nik"] = nik,
            ["name"] = sex == "L" ? "Budi Santoso" : "Siti Aminah",
            ["sex"] = sex,
            ["birthDate"] = birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["address"] = "Jl. Melati No. 5",
            ["regionCode"] = "33.73.04.1001",
            ["rt"] = "3",
            ["rw"] = "2",
            ["defaultPayer"] = "umum",
        };
    }
}

public static class Wait
{
    /// <summary>Polls until the condition holds or the timeout passes; returns whether it held.</summary>
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var end = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < end)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(100);
        }
        return await condition();
    }
}
