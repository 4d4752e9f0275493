using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Simpus.Clinic.Tests.Infrastructure;

namespace Simpus.Clinic.Tests.Pharmacy;

/// <summary>One clinic server for the class (each test uses its own drugs or batches), with a desk, a doctor and two pharmacists.</summary>
public sealed class PharmacyServerFixture : IAsyncLifetime
{
    public ClinicServer Server { get; private set; } = null!;
    public HttpClient Desk { get; private set; } = null!;
    public HttpClient Doctor { get; private set; } = null!;
    public HttpClient Pharmacist { get; private set; } = null!;
    public HttpClient Pharmacist2 { get; private set; } = null!;
    public HttpClient Head { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await ClinicServer.StartAsync();
        Desk = await Server.ClientAsAsync("pendaftaran");
        Doctor = await Server.ClientAsAsync("klinisi", "umum");
        Pharmacist = await Server.ClientAsAsync("farmasi");
        Pharmacist2 = await Server.ClientAsAsync("farmasi");
        Head = await Server.ClientAsAsync("kepala");
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>A visit today at poli umum, examined by the doctor with one diagnosis and these prescription lines.</summary>
    public async Task<(long VisitId, JsonElement Record)> PrescribedVisitAsync(params (string Drug, double Quantity)[] lines)
    {
        var rm = (await Desk.RegisterPatientAsync(PatientBuilder.Valid("Pasien Apotek"))).Rm();
        var visit = await Desk.RegisterVisitAsync(rm);
        var exam = new
        {
            complaint = "Batuk pilek",
            diagnoses = new[] { new { code = "J06.9", primary = true } },
            prescriptions = lines.Select(l => new { drug = l.Drug, dose = "3x1", quantity = l.Quantity, days = 3 }).ToArray(),
        };
        var response = await Doctor.PutAsJsonAsync($"/api/visits/{visit.Id}/examination?finish=true", exam);
        response.EnsureSuccessStatusCode();
        return (visit.Id, await response.JsonAsync());
    }

    public async Task ReceiveAsync(string drug, string batch, int quantity, string expiry = "2028-12-31")
    {
        var response = await Pharmacist.PostAsJsonAsync("/api/pharmacy/receipts", new
        {
            documentNumber = "SBBK-" + Guid.NewGuid().ToString("N")[..10], source = "IFK Kota Uji", funding = "apbd",
            lines = new[] { new { drug, batch, expiry, quantity } },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public long Scalar(string sql, object? args = null)
    {
        using var c = Server.Database.Open();
        return c.ExecuteScalar<long>(sql, args);
    }
}

public sealed class PharmacyApiTests(PharmacyServerFixture f) : IClassFixture<PharmacyServerFixture>
{
    private static long PrescriptionId(JsonElement record, int index = 0) => record.GetProperty("prescriptions")[index].GetProperty("id").GetInt64();

    [Fact]
    public async Task Receipts_are_for_the_pharmacy_and_bad_ones_are_problem_details_that_store_nothing()
    {
        var before = f.Scalar("SELECT COUNT(*) FROM stock_ledger");
        var asDoctor = await f.Doctor.PostAsJsonAsync("/api/pharmacy/receipts", new { documentNumber = "X", funding = "apbd", lines = Array.Empty<object>() });
        var bad = await f.Pharmacist.PostAsJsonAsync("/api/pharmacy/receipts", new
        {
            documentNumber = "SBBK/1", source = "IFK", funding = "dana desa",
            lines = new object[] { new { drug = "OB001", batch = "B1", expiry = "2020-01-01", quantity = 10 }, new { drug = "OB001", batch = "B2", expiry = "bukan", quantity = -3 } },
        });
        var garbage = await f.Pharmacist.PostAsync("/api/pharmacy/receipts", new StringContent("{\"lines\": 5}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, asDoctor.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var problem = await bad.JsonAsync();
        Assert.Equal(["funding", "lines[0].expiry", "lines[1].expiry", "lines[1].quantity"],
            problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("expiry.past", problem.GetProperty("codes").GetProperty("lines[0].expiry")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Equal(before, f.Scalar("SELECT COUNT(*) FROM stock_ledger"));
    }

    [Fact]
    public async Task Two_pharmacists_posting_the_last_units_at_the_same_moment_one_gets_them_the_other_409()
    {
        await f.ReceiveAsync("OB055", "SET-LAST", 10);
        var (visitA, recordA) = await f.PrescribedVisitAsync(("OB055", 10));
        var (visitB, recordB) = await f.PrescribedVisitAsync(("OB055", 10));

        // Real parallel HTTP requests from two logged-in pharmacists, each served on its own connection to SQLite.
        var responses = await Task.WhenAll(
            f.Pharmacist.PostAsJsonAsync($"/api/pharmacy/prescriptions/{visitA}/lines/{PrescriptionId(recordA)}/dispense", new { }),
            f.Pharmacist2.PostAsJsonAsync($"/api/pharmacy/prescriptions/{visitB}/lines/{PrescriptionId(recordB)}/dispense", new { }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var loser = await responses.Single(r => r.StatusCode == HttpStatusCode.Conflict).JsonAsync();
        Assert.Equal("stock.insufficient", loser.GetProperty("code").GetString());
        Assert.Equal(0, loser.GetProperty("available").GetInt32());
        Assert.Contains("tidak cukup", loser.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, f.Scalar("SELECT on_hand FROM stock_batches WHERE batch_number = 'SET-LAST'"));
        Assert.Equal(0, f.Scalar("SELECT COUNT(*) FROM stock_batches WHERE on_hand < 0"));
        Assert.Equal(0, f.Scalar("""
            SELECT COUNT(*) FROM stock_batches b WHERE b.on_hand <> (SELECT COALESCE(SUM(quantity), 0) FROM stock_ledger l WHERE l.batch_id = b.id)
            """));
    }

    [Fact]
    public async Task Dispensing_and_hand_over_through_the_api_and_the_worklist_shows_it()
    {
        await f.ReceiveAsync("OB060", "GG-1", 100);
        var (visit, record) = await f.PrescribedVisitAsync(("OB060", 10), ("OB063", 10));

        var list = await f.Pharmacist.GetFromJsonAsync<JsonElement>("/api/pharmacy/worklist");
        var item = list.EnumerateArray().Single(w => w.GetProperty("visitId").GetInt64() == visit);
        Assert.Equal("menunggu", item.GetProperty("status").GetString());
        Assert.Equal(1, item.GetProperty("shortLines").GetInt32());
        var asHead = await f.Head.PostAsJsonAsync($"/api/pharmacy/prescriptions/{visit}/lines/{PrescriptionId(record)}/dispense", new { });
        Assert.Equal(HttpStatusCode.Forbidden, asHead.StatusCode);
        var given = await f.Pharmacist.PostAsJsonAsync($"/api/pharmacy/prescriptions/{visit}/lines/{PrescriptionId(record)}/dispense", new { });
        Assert.Equal(HttpStatusCode.OK, given.StatusCode);
        var early = await f.Pharmacist.PostAsync($"/api/pharmacy/prescriptions/{visit}/handover", null);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("dispensing.linesOpen", (await early.JsonAsync()).GetProperty("code").GetString());
        var noReason = await f.Pharmacist.PostAsJsonAsync($"/api/pharmacy/prescriptions/{visit}/lines/{PrescriptionId(record, 1)}/dispense", new { quantity = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal("reason.required", (await noReason.JsonAsync()).GetProperty("codes").GetProperty("reason")[0].GetString());
        var none = await f.Pharmacist.PostAsJsonAsync($"/api/pharmacy/prescriptions/{visit}/lines/{PrescriptionId(record, 1)}/dispense",
            new { quantity = 0, reason = "Stok dekstrometorfan kosong" });
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        var handed = await f.Pharmacist.PostAsync($"/api/pharmacy/prescriptions/{visit}/handover", null);
        Assert.Equal(HttpStatusCode.OK, handed.StatusCode);
        Assert.Equal("diserahkan", (await handed.JsonAsync()).GetProperty("status").GetString());
        var view = await f.Head.GetFromJsonAsync<JsonElement>($"/api/pharmacy/prescriptions/{visit}");
        Assert.Equal(10, view.GetProperty("lines")[0].GetProperty("dispensed").GetProperty("quantity").GetInt32());
        Assert.Equal("GG-1", view.GetProperty("lines")[0].GetProperty("dispensed").GetProperty("batches")[0].GetProperty("batch").GetString());
        var missing = await f.Pharmacist.GetAsync("/api/pharmacy/prescriptions/999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Clinicians_see_stock_when_prescribing_and_the_desk_does_not()
    {
        await f.ReceiveAsync("OB065", "SAL-1", 42);

        var seen = await f.Doctor.GetFromJsonAsync<JsonElement>("/api/pharmacy/availability?drugs=OB065,ob066,NOPE");
        var desk = await f.Desk.GetAsync("/api/pharmacy/availability?drugs=OB065");

        Assert.Equal(42, seen.GetProperty("OB065").GetInt32());
        Assert.Equal(0, seen.GetProperty("OB066").GetInt32());
        Assert.Equal(0, seen.GetProperty("NOPE").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, desk.StatusCode);
    }

    [Fact]
    public async Task Alerts_LPLPO_and_POR_answer_the_head_and_refuse_a_bad_month()
    {
        var alerts = await f.Head.GetFromJsonAsync<JsonElement>("/api/pharmacy/alerts");
        var month = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var lplpo = await f.Head.GetFromJsonAsync<JsonElement>($"/api/pharmacy/lplpo?month={month}");
        var por = await f.Head.GetFromJsonAsync<JsonElement>($"/api/pharmacy/por?month={month}");
        var future = await f.Head.GetAsync("/api/pharmacy/lplpo?month=2999-01");
        var garbage = await f.Head.GetAsync("/api/pharmacy/por?month=kemarin");
        var desk = await f.Desk.GetAsync("/api/pharmacy/alerts");

        Assert.Equal(3, alerts.GetProperty("expiryWindowMonths").GetInt32());
        Assert.True(lplpo.GetProperty("rows").GetArrayLength() > 100);
        Assert.Equal(20m, por.GetProperty("ispa").GetProperty("targetPercent").GetDecimal());
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, desk.StatusCode);
    }

    [Fact]
    public async Task Drug_catalogue_import_takes_a_csv_file_from_the_admin_only()
    {
        var admin = await f.Server.AdminAsync();
        const string csv = "code,name,unit,form,fornas_class,minimum\nOB901,Sefiksim sirup 100 mg/5 ml,botol,sirup kering,Antiinfeksi / Antibakteri / Beta laktam,10\nOB902,,tablet,,,\n";
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "katalog.csv");

        var imported = await admin.PostAsync("/api/drugs/import", form);
        var byPharmacist = await f.Pharmacist.PostAsync("/api/drugs/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var broken = new StringContent("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.csv\"\r\n\r\ncode,name", Encoding.UTF8);
        broken.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        var unterminated = await admin.PostAsync("/api/drugs/import", broken);
        var drug = await admin.GetFromJsonAsync<JsonElement>("/api/drugs/OB901");

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var result = await imported.JsonAsync();
        Assert.Equal((1, 1), (result.GetProperty("added").GetInt32(), result.GetProperty("rejected").GetInt32()));
        Assert.Equal(3, result.GetProperty("errors")[0].GetProperty("line").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, byPharmacist.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unterminated.StatusCode);
        Assert.Equal("Antiinfeksi / Antibakteri / Beta laktam", drug.GetProperty("fornasClass").GetString());
        Assert.Equal(10, drug.GetProperty("minStock").GetInt32());
    }

    [Fact]
    public async Task The_monthly_package_is_schema_2_with_the_drugs_its_LPLPO_names()
    {
        await f.ReceiveAsync("OB087", "AML-PKG", 300);
        var (visit, record) = await f.PrescribedVisitAsync(("OB087", 30));
        (await f.Pharmacist.PostAsJsonAsync($"/api/pharmacy/prescriptions/{visit}/lines/{PrescriptionId(record)}/dispense", new { })).EnsureSuccessStatusCode();
        var admin = await f.Server.AdminAsync();
        (await admin.PutAsJsonAsync("/api/settings/district", new { url = "http://127.0.0.1:9", key = new string('a', 64) })).EnsureSuccessStatusCode();
        var head = f.Head;
        var month = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        var response = await head.GetAsync($"/api/packages/monthly?month={month}");
        var package = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, package.GetProperty("schemaVersion").GetInt32());
        var drug = package.GetProperty("drugs").EnumerateArray().Single(d => d.GetProperty("code").GetString() == "OB087");
        Assert.Equal("Amlodipin 5 mg", drug.GetProperty("name").GetString());
        Assert.Contains(package.GetProperty("values").EnumerateArray(), v => v.GetProperty("dataElement").GetString() == "LPLPO.PEMAKAIAN"
            && v.GetProperty("disaggregation").GetProperty("drug").GetString() == "OB087" && v.GetProperty("value").GetInt32() == 30);
    }
}
