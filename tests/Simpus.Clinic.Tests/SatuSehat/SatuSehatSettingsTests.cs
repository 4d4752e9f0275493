using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Simpus.Clinic.Tests.Infrastructure;
using Simpus.SatuSehat.Double;
using Task = System.Threading.Tasks.Task;

namespace Simpus.Clinic.Tests.SatuSehat;

/// <summary>The connection settings: configuration as defaults, the page overriding, the secret written once and never shown.</summary>
public sealed class SatuSehatSettingsTests(SatuSehatFixture f) : IClassFixture<SatuSehatFixture>
{
    [Fact]
    public async Task Settings_show_where_each_value_comes_from_and_never_the_secret()
    {
        var text = await f.Admin.GetStringAsync("/api/satusehat/settings");
        Assert.DoesNotContain(SatuSehatDouble.ClientSecret, text, StringComparison.Ordinal);
        var view = JsonDocument.Parse(text).RootElement;
        Assert.Equal("konfigurasi", view.GetProperty("baseUrl").GetProperty("source").GetString());
        Assert.Equal(f.Double.BaseUrl, view.GetProperty("baseUrl").GetProperty("value").GetString());
        Assert.True(view.GetProperty("secretSet").GetBoolean());
        Assert.True(view.GetProperty("active").GetBoolean());
        Assert.Contains(view.GetProperty("presets").EnumerateArray(), p => p.GetProperty("baseUrl").GetString() == "https://api-satusehat-stg.dto.kemkes.go.id/fhir-r4/v1");
        Assert.Contains(view.GetProperty("presets").EnumerateArray(), p => p.GetProperty("authUrl").GetString() == "https://api-satusehat.kemkes.go.id/oauth2/v1");
    }

    [Fact]
    public async Task The_connection_test_fetches_a_token_and_the_organization()
    {
        var result = await (await f.Admin.PostAsync("/api/satusehat/settings/test", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        Assert.Equal(SatuSehatDouble.OrganizationName, result.GetProperty("organizationName").GetString());
    }

    [Fact]
    public async Task A_secret_saved_on_the_page_is_stored_encrypted_and_bad_input_changes_nothing()
    {
        var bad = await f.Admin.PutAsJsonAsync("/api/satusehat/settings", new { baseUrl = "ftp://nowhere", organizationId = "bad id!", clientSecret = "a b" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("baseUrl", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("organizationId", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("clientSecret", out _));
        using (var c = f.Server.Database.Open())
        {
            Assert.Equal(0, c.ExecuteScalar<int>("SELECT COUNT(*) FROM settings WHERE key IN ('satusehat.baseUrl', 'satusehat.organizationId', 'satusehat.clientSecret')"));
        }

        var saved = await f.Admin.PutAsJsonAsync("/api/satusehat/settings", new { clientSecret = SatuSehatDouble.ClientSecret });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var body = await saved.Content.ReadAsStringAsync();
        Assert.DoesNotContain(SatuSehatDouble.ClientSecret, body, StringComparison.Ordinal);
        Assert.Equal("halaman", JsonDocument.Parse(body).RootElement.GetProperty("secretSource").GetString());
        using (var c = f.Server.Database.Open())
        {
            var stored = c.ExecuteScalar<string>("SELECT value FROM settings WHERE key = 'satusehat.clientSecret'")!;
            Assert.DoesNotContain(SatuSehatDouble.ClientSecret, stored, StringComparison.Ordinal);
        }
        Assert.True(Directory.EnumerateFiles(Path.Combine(f.Server.DataDir, "keys")).Any());
        var test = await (await f.Admin.PostAsync("/api/satusehat/settings/test", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(test.GetProperty("ok").GetBoolean(), test.ToString());
    }

    [Fact]
    public async Task Only_the_admin_changes_settings_and_kfa_codes()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await f.Desk.GetAsync("/api/satusehat/settings")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await f.Clinician.PutAsJsonAsync("/api/satusehat/kfa/OB001", new { kfaCode = "1" })).StatusCode);
        var saved = await f.Admin.PutAsJsonAsync("/api/satusehat/kfa/OB001", new { kfaCode = "93000001", kfaDisplay = "Parasetamol 500 mg Tablet (uji)" });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await f.Admin.PutAsJsonAsync("/api/satusehat/kfa/OB001", new { kfaCode = "12 34" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await f.Admin.PutAsJsonAsync("/api/satusehat/kfa/NOPE", new { kfaCode = "1" })).StatusCode);
        var list = await f.Admin.GetFromJsonAsync<JsonElement>("/api/satusehat/kfa");
        Assert.Contains(list.GetProperty("codes").EnumerateArray(), k => k.GetProperty("drugCode").GetString() == "OB001" && k.GetProperty("kfaCode").GetString() == "93000001");
        Assert.Contains(list.GetProperty("codes").EnumerateArray(), k => k.GetProperty("drugCode").GetString() == "OB107" && k.GetProperty("kfaCode").GetString() == "92000653");
        Assert.Equal(HttpStatusCode.NoContent, (await f.Admin.DeleteAsync("/api/satusehat/kfa/OB001")).StatusCode);
    }
}
