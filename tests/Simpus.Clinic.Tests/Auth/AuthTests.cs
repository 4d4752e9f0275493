using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Simpus.Clinic.Tests.Infrastructure;

namespace Simpus.Clinic.Tests.Auth;

public sealed class AuthTests : IAsyncLifetime
{
    private ClinicServer _server = null!;

    public async Task InitializeAsync() => _server = await ClinicServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Everything_but_health_and_login_needs_a_login()
    {
        var anonymous = _server.Anonymous();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/login")).StatusCode);
        var api = await anonymous.GetAsync("/api/patients?q=siti");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
        var page = await anonymous.GetAsync("/pendaftaran");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Admin_creates_users_with_roles_and_roles_are_enforced()
    {
        var admin = await _server.AdminAsync();

        var created = await admin.PostAsJsonAsync("/api/users", new { username = "dr.andi", password = "kata-sandi-1", role = "klinisi", poli = "umum" });
        var badRole = await admin.PostAsJsonAsync("/api/users", new { username = "x.y", password = "kata-sandi-1", role = "dokter" });
        var badPoli = await admin.PostAsJsonAsync("/api/users", new { username = "x.z", password = "kata-sandi-1", role = "klinisi", poli = "bedah" });
        var doctor = await _server.LoginAsync("dr.andi", "kata-sandi-1");
        var me = await doctor.GetFromJsonAsync<JsonElement>("/api/auth/me");
        var doctorCreatesUser = await doctor.PostAsJsonAsync("/api/users", new { username = "evil", password = "kata-sandi-1", role = "admin" });
        var doctorRegisters = await doctor.PostAsJsonAsync("/api/patients", PatientBuilder.Valid());

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
        Assert.True((await badPoli.JsonAsync()).GetProperty("errors").TryGetProperty("poli", out _));
        Assert.Equal("klinisi", me.GetProperty("role").GetString());
        Assert.Equal("umum", me.GetProperty("poli").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, doctorCreatesUser.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, doctorRegisters.StatusCode);
    }

    [Fact]
    public async Task Users_carry_nip_sip_and_nik_shown_to_the_admin_and_in_me()
    {
        var admin = await _server.AdminAsync();
        var nik = PatientBuilder.NikFor(new DateOnly(1980, 5, 17), "L");

        var created = await admin.PostAsJsonAsync("/api/users", new
        {
            username = "dr.budi", fullName = "dr. Budi Santoso", password = "kata-sandi-1", role = "klinisi", poli = "umum",
            nip = "198005172006041001", sip = "SIP/446/DU/2024", nik,
        });
        var bad = await admin.PutAsJsonAsync("/api/users/dr.budi", new { nip = "12345", nik = "3373041705800000" });
        var longSip = await admin.PutAsJsonAsync("/api/users/dr.budi", new { sip = new string('x', 61) });
        var listed = (await admin.GetFromJsonAsync<JsonElement>("/api/users")).EnumerateArray().Single(u => u.GetProperty("username").GetString() == "dr.budi");
        var me = await (await _server.LoginAsync("dr.budi", "kata-sandi-1")).GetFromJsonAsync<JsonElement>("/api/auth/me");
        var cleared = await (await admin.PutAsJsonAsync("/api/users/dr.budi", new { nip = "", sip = "SIP/446/DU/2025" })).JsonAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        foreach (var field in new[] { "nip", "nik" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
        Assert.True((await longSip.JsonAsync()).GetProperty("errors").TryGetProperty("sip", out _));
        foreach (var user in new[] { await created.JsonAsync(), listed, me })
        {
            Assert.Equal("198005172006041001", user.GetProperty("nip").GetString());
            Assert.Equal("SIP/446/DU/2024", user.GetProperty("sip").GetString());
            Assert.Equal(nik, user.GetProperty("nik").GetString());
        }
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("nip").ValueKind);
        Assert.Equal("SIP/446/DU/2025", cleared.GetProperty("sip").GetString());
        Assert.Equal(nik, cleared.GetProperty("nik").GetString());
    }

    [Fact]
    public async Task Failed_logins_are_rate_limited()
    {
        var client = _server.Anonymous();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = "salah" + i })).StatusCode);
        }
        var rightPasswordWhileLocked = await client.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = ClinicServer.AdminPassword });

        Assert.All(statuses.Take(5), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightPasswordWhileLocked.StatusCode);
        Assert.NotNull(rightPasswordWhileLocked.Headers.RetryAfter);
    }

    [Fact]
    public async Task Openapi_document_lists_the_api()
    {
        var admin = await _server.AdminAsync();

        var doc = await admin.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/patients", "/api/patients/{rm}", "/api/visits", "/api/visits/{id}/status", "/api/auth/login", "/api/users" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }
    }

    [Fact]
    public async Task Settings_are_validated_and_saved_by_the_admin()
    {
        var admin = await _server.AdminAsync();

        var bad = await admin.PutAsJsonAsync("/api/settings", new { code = "", name = "X", regionCode = "3", timeZone = "GMT", rmFormat = "RM-{family}" });
        var good = await admin.PutAsJsonAsync("/api/settings", new { code = "P3373020201", name = "Puskesmas Sidorejo", regionCode = "3373", timeZone = "WITA", rmFormat = "{family:00000}.{member:00}" });
        var poli = await admin.PostAsJsonAsync("/api/poli", new { code = "tbc", name = "Poli TB Paru", sortOrder = 8, active = true });
        var desk = await _server.ClientAsAsync("pendaftaran");
        var patient = await desk.RegisterPatientAsync();

        var errors = (await bad.JsonAsync()).GetProperty("errors");
        foreach (var field in new[] { "code", "regionCode", "timeZone", "rmFormat" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal("33.73", (await good.JsonAsync()).GetProperty("regionCode").GetString());
        Assert.Equal(HttpStatusCode.OK, poli.StatusCode);
        Assert.Matches(@"^\d{5}\.01$", patient.Rm());
        var visit = await desk.RegisterVisitAsync(patient.Rm(), "tbc");
        Assert.Equal("tbc", visit.Poli);
    }
}
