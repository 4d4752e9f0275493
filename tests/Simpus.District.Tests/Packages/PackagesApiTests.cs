using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using Simpus.District.Tests.Infrastructure;
using Simpus.Exchange;

namespace Simpus.District.Tests.Packages;

/// <summary>The district service alone: registry, receiving, revisions, refusals, quality, workbook and DHIS2 export.</summary>
public sealed class PackagesApiTests : IAsyncLifetime
{
    private DistrictServer _district = null!;

    public async Task InitializeAsync() => _district = await DistrictServer.StartAsync();

    public async Task DisposeAsync() => await _district.DisposeAsync();

    [Fact]
    public async Task Health_and_login_follow_the_clinic_conventions()
    {
        var health = await _district.Anonymous().GetAsync("/health");
        var wrong = await _district.Anonymous().PostAsJsonAsync("/api/auth/login", new { username = "admin", password = "salah-sekali" });
        var admin = await _district.AdminAsync();
        var me = await admin.GetFromJsonAsync<JsonElement>("/api/auth/me");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("admin", me.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Registering_answers_the_key_once_and_never_lists_it()
    {
        var key = await _district.RegisterAsync("P001", "Puskesmas Satu");
        var admin = await _district.AdminAsync();

        var list = await admin.GetStringAsync("/api/puskesmas");
        var again = await admin.PostAsJsonAsync("/api/puskesmas", new { code = "P001", name = "Lagi" });

        Assert.True(PackageCodec.IsValidKey(key));
        Assert.Contains("P001", list, StringComparison.Ordinal);
        Assert.DoesNotContain(key, list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Registering_needs_the_admin()
    {
        var anonymous = await _district.Anonymous().PostAsJsonAsync("/api/puskesmas", new { code = "P009", name = "X" });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Same_package_twice_is_stored_once_and_answered_already_received()
    {
        var key = await _district.RegisterAsync("P001", "Puskesmas Satu");
        var file = TestPackages.File(TestPackages.Package("P001", TestPackages.LastMonth), key);
        var client = _district.Anonymous();

        var first = await client.PostPackageAsync(file);
        var second = await client.PostPackageAsync(file);
        var secondJson = await second.JsonAsync();

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("alreadyReceived", secondJson.GetProperty("status").GetString());
        Assert.Contains("sudah diterima", secondJson.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await CountPackagesAsync());
    }

    [Fact]
    public async Task Tampered_package_is_refused_with_401_and_the_reason()
    {
        var key = await _district.RegisterAsync("P001", "Puskesmas Satu");
        var text = Encoding.UTF8.GetString(TestPackages.File(TestPackages.Package("P001", TestPackages.LastMonth), key));
        var tampered = Encoding.UTF8.GetBytes(text.Replace("\"value\": 120", "\"value\": 1200", StringComparison.Ordinal));

        var response = await _district.Anonymous().PostPackageAsync(tampered);
        var problem = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("package.signatureMismatch", problem.GetProperty("code").GetString());
        Assert.Contains("diubah", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await CountPackagesAsync());
    }

    [Fact]
    public async Task Package_claiming_another_puskesmas_is_refused()
    {
        await _district.RegisterAsync("P001", "Puskesmas Satu");
        var keyOfTwo = await _district.RegisterAsync("P002", "Puskesmas Dua");
        var forged = TestPackages.File(TestPackages.Package("P001", TestPackages.LastMonth), keyOfTwo);

        var response = await _district.Anonymous().PostPackageAsync(forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("package.signatureMismatch", (await response.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Unknown_puskesmas_is_refused_with_403_and_the_reason()
    {
        var file = TestPackages.File(TestPackages.Package("P404", TestPackages.LastMonth), PackageCodec.NewKey());

        var response = await _district.Anonymous().PostPackageAsync(file);
        var problem = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("puskesmas.unknown", problem.GetProperty("code").GetString());
        Assert.Contains("tidak terdaftar", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Future_period_is_refused()
    {
        var key = await _district.RegisterAsync("P001", "Puskesmas Satu");
        var file = TestPackages.File(TestPackages.Package("P001", TestPackages.ThisMonth.AddMonths(2)), key);

        var response = await _district.Anonymous().PostPackageAsync(file);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("period.future", (await response.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Newer_revision_replaces_the_older_one_and_both_are_kept()
    {
        var key = await _district.RegisterAsync("P001", "Puskesmas Satu");
        var month = TestPackages.LastMonth;
        var client = _district.Anonymous();
        var r1 = TestPackages.File(TestPackages.Package("P001", month, revision: 1, visits: 100), key);
        var r2 = TestPackages.File(TestPackages.Package("P001", month, revision: 2, visits: 140), key);

        Assert.Equal(HttpStatusCode.Created, (await client.PostPackageAsync(r1)).StatusCode);
        var second = await client.PostPackageAsync(r2);
        var late = await client.PostPackageAsync(r1);

        var staff = await _district.AdminAsync();
        var packages = await staff.GetFromJsonAsync<JsonElement>($"/api/packages?month={month}");
        var current = packages.EnumerateArray().Single(p => p.GetProperty("isCurrent").GetBoolean());
        var dhis2 = await staff.GetFromJsonAsync<JsonElement>($"/api/dhis2/dataValueSets?month={month}");
        var visitsL = dhis2.GetProperty("dataValues").EnumerateArray()
            .Single(v => v.GetProperty("dataElement").GetString() == "SIMPUS_KUNJUNGAN" && v.GetProperty("categoryOptionCombo").GetString() == "BARU_L");

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Contains("menggantikan revisi 1", (await second.JsonAsync()).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal(2, packages.GetArrayLength());
        Assert.Equal(2, current.GetProperty("revision").GetInt32());
        Assert.Equal("70", visitsL.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Different_content_under_an_existing_revision_number_is_a_conflict()
    {
        var key = await _district.RegisterAsync("P001", "Puskesmas Satu");
        var client = _district.Anonymous();
        await client.PostPackageAsync(TestPackages.File(TestPackages.Package("P001", TestPackages.LastMonth, visits: 100), key));

        var response = await client.PostPackageAsync(TestPackages.File(TestPackages.Package("P001", TestPackages.LastMonth, visits: 999), key));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("package.revisionConflict", (await response.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Upload_page_endpoint_receives_files_and_reports_each()
    {
        var key = await _district.RegisterAsync("P001", "Puskesmas Satu");
        var staff = await _district.AdminAsync();
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(TestPackages.File(TestPackages.Package("P001", TestPackages.LastMonth), key)), "file", "paket-P001.json" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("bukan paket")), "file", "catatan.txt" },
        };

        var response = await staff.PostAsync("/api/packages/upload", form);
        var results = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(results[0].GetProperty("ok").GetBoolean());
        Assert.Equal("accepted", results[0].GetProperty("status").GetString());
        Assert.False(results[1].GetProperty("ok").GetBoolean());
        Assert.Equal("package.json", results[1].GetProperty("code").GetString());
        Assert.Equal(1, await CountPackagesAsync());
    }

    [Fact]
    public async Task Quality_reports_completeness_rule_violations_and_outliers()
    {
        var key = await _district.RegisterAsync("P001", "Puskesmas Satu");
        await _district.RegisterAsync("P002", "Puskesmas Dua");
        var client = _district.Anonymous();
        var month = TestPackages.LastMonth;
        for (var m = 12; m >= 1; m--)
        {
            await client.PostPackageAsync(TestPackages.File(TestPackages.Package("P001", month.AddMonths(-m), visits: 100 + m % 3 * 2), key));
        }
        // This month: K1 above the yearly sasaran (a rule violation) and visits far above the usual ~100 (an outlier).
        await client.PostPackageAsync(TestPackages.File(TestPackages.Package("P001", month, visits: 900, k1: 700), key));

        var quality = await (await _district.AdminAsync()).GetFromJsonAsync<JsonElement>($"/api/quality?month={month}");
        var p1 = quality.GetProperty("puskesmas").EnumerateArray().Single(p => p.GetProperty("code").GetString() == "P001");
        var p2 = quality.GetProperty("puskesmas").EnumerateArray().Single(p => p.GetProperty("code").GetString() == "P002");

        Assert.Equal(2, quality.GetProperty("expected").GetInt32());
        Assert.Equal(1, quality.GetProperty("received").GetInt32());
        Assert.Equal(50m, quality.GetProperty("completeness").GetDecimal());
        Assert.Contains(p1.GetProperty("violations").EnumerateArray(), v => v.GetProperty("rule").GetString() == "kia-le-sasaran");
        Assert.Contains(p1.GetProperty("outliers").EnumerateArray(), o => o.GetProperty("dataElement").GetString() == "KUNJUNGAN");
        Assert.DoesNotContain(p1.GetProperty("outliers").EnumerateArray(), o => o.GetProperty("dataElement").GetString() == "RUJUKAN");
        Assert.False(p2.GetProperty("received").GetBoolean());
    }

    [Fact]
    public async Task Workbook_has_a_column_per_puskesmas_and_a_district_total()
    {
        var k1 = await _district.RegisterAsync("P001", "Puskesmas Satu");
        var k2 = await _district.RegisterAsync("P002", "Puskesmas Dua");
        var client = _district.Anonymous();
        var month = TestPackages.LastMonth;
        await client.PostPackageAsync(TestPackages.File(TestPackages.Package("P001", month, visits: 100), k1));
        await client.PostPackageAsync(TestPackages.File(TestPackages.Package("P002", month, visits: 60), k2));

        var response = await (await _district.AdminAsync()).GetAsync($"/api/reports/monthly?month={month}");
        using var wb = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        var visits = wb.Worksheet("Kunjungan");
        var row = visits.RowsUsed().Single(r => r.Cell(1).GetString() == "KUNJUNGAN.POLI" && r.Cell(2).GetString() == "poli=umum");
        var lb1 = wb.Worksheet("LB1 Kabupaten");
        var j06 = lb1.RowsUsed().Single(r => r.Cell(1).GetString() == "J06");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Status Pelaporan", "Kinerja", "LB1 Kabupaten", "LB1 per Puskesmas", "Kunjungan", "Jaminan", "KIA", "Waktu Tunggu", "Absensi"],
            wb.Worksheets.Select(w => w.Name).ToArray());
        Assert.Equal("Total Kabupaten", visits.Cell(4, 6).GetString());
        Assert.Equal(100, row.Cell(4).GetDouble());
        Assert.Equal(60, row.Cell(5).GetDouble());
        Assert.Equal(160, row.Cell(6).GetDouble());
        Assert.Equal(20, j06.Cell(j06.LastCellUsed().Address.ColumnNumber).GetDouble());
        Assert.Equal("Nama penyakit", lb1.Cell(4, 2).GetString());
        Assert.Contains("saluran pernapasan", j06.Cell(2).GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Ya", wb.Worksheet("Status Pelaporan").Cell(6, 3).GetString());
    }

    [Fact]
    public async Task Year_to_date_workbook_sums_the_months()
    {
        var key = await _district.RegisterAsync("P001", "Puskesmas Satu");
        var client = _district.Anonymous();
        var month = new MonthPeriod(2025, 6);
        await client.PostPackageAsync(TestPackages.File(TestPackages.Package("P001", month.AddMonths(-1), visits: 100), key));
        await client.PostPackageAsync(TestPackages.File(TestPackages.Package("P001", month, visits: 60), key));

        var response = await (await _district.AdminAsync()).GetAsync($"/api/reports/monthly?month={month}&ytd=true");
        using var wb = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        var row = wb.Worksheet("Kunjungan").RowsUsed().Single(r => r.Cell(1).GetString() == "KUNJUNGAN.POLI");
        var sasaran = wb.Worksheet("KIA").RowsUsed().Single(r => r.Cell(1).GetString() == "KIA.SASARAN");

        Assert.Equal(160, row.Cell(5).GetDouble());
        Assert.Equal(600, sasaran.Cell(5).GetDouble());
    }

    [Fact]
    public async Task Dhis2_export_uses_the_documented_format_and_the_editable_mapping()
    {
        var key = await _district.RegisterAsync("P001", "Puskesmas Satu");
        var month = TestPackages.LastMonth;
        await _district.Anonymous().PostPackageAsync(TestPackages.File(TestPackages.Package("P001", month), key));
        var admin = await _district.AdminAsync();
        await admin.PutAsJsonAsync("/api/puskesmas/P001", new { orgUnit = "OU_P001" });

        var saved = await admin.PutAsJsonAsync("/api/dhis2/mapping", new[]
        {
            new { dataElement = "RUJUKAN", disaggregation = "", dhis2DataElement = "DE_RUJUKAN", categoryOptionCombo = "" },
            new { dataElement = "LB1.LAMA", disaggregation = "*", dhis2DataElement = "", categoryOptionCombo = "" },
        });
        var set = await admin.GetFromJsonAsync<JsonElement>($"/api/dhis2/dataValueSets?month={month}");
        var values = set.GetProperty("dataValues").EnumerateArray().ToList();
        var referral = values.Single(v => v.GetProperty("dataElement").GetString() == "DE_RUJUKAN");
        var lb1 = values.Single(v => v.GetProperty("dataElement").GetString() == "SIMPUS_LB1_BARU_J06" && v.GetProperty("categoryOptionCombo").GetString() == "L_20-44");

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(month.Dhis2, referral.GetProperty("period").GetString());
        Assert.Equal("OU_P001", referral.GetProperty("orgUnit").GetString());
        Assert.Equal("default", referral.GetProperty("categoryOptionCombo").GetString());
        Assert.Equal("4", referral.GetProperty("value").GetString());
        Assert.Equal("7", lb1.GetProperty("value").GetString());
        Assert.DoesNotContain(values, v => v.GetProperty("dataElement").GetString()!.StartsWith("SIMPUS_LB1_LAMA", StringComparison.Ordinal));
    }

    private async Task<int> CountPackagesAsync()
    {
        var admin = await _district.AdminAsync();
        return (await admin.GetFromJsonAsync<JsonElement>("/api/packages")).GetArrayLength();
    }
}
