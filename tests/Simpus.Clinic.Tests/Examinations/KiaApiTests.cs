using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Simpus.Clinic.Tests.Infrastructure;

namespace Simpus.Clinic.Tests.Examinations;

public sealed class KiaApiTests : IAsyncLifetime
{
    private ClinicServer _server = null!;
    private HttpClient _desk = null!;
    private HttpClient _midwife = null!;

    public async Task InitializeAsync()
    {
        _server = await ClinicServer.StartAsync();
        _desk = await _server.ClientAsAsync("pendaftaran");
        _midwife = await _server.ClientAsAsync("klinisi", "kia");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string Today => DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Antenatal_contacts_join_one_pregnancy_dated_by_hpht_with_hpl_weeks_and_the_kohort_measurements()
    {
        var rm = (await _desk.RegisterPatientAsync(PatientBuilder.Valid("Ibu Hamil", "P", "1996-03-03"))).Rm();
        var firstDay = DateTime.SpecifyKind(DateTime.UtcNow.AddHours(7).Date.AddDays(-42), DateTimeKind.Unspecified);
        var lmp = firstDay.AddDays(-70).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);     // 10 weeks at the first contact
        var k1 = await _desk.RegisterVisitAsync(rm, "kia", arrivedAt: new DateTimeOffset(firstDay.AddHours(8), TimeSpan.FromHours(7)).ToString("O"));
        var first = await _midwife.PutAsJsonAsync($"/api/visits/{k1.Id}/kia", new
        {
            antenatal = new { givenBy = "dokter", lmp, gravida = 2, para = 1, abortus = 0, riskFlags = new[] { "anemia" }, muac = 24.5, hb = 10.4, tdStatus = "T2" },
        });
        await _midwife.PostAsJsonAsync($"/api/visits/{k1.Id}/status", new { status = "finished" });
        var k2 = await _desk.RegisterVisitAsync(rm, "kia");

        var suggested = await _midwife.GetFromJsonAsync<JsonElement>($"/api/visits/{k2.Id}/kia");
        var second = await (await _midwife.PutAsJsonAsync($"/api/visits/{k2.Id}/kia", new
        {
            antenatal = new { givenBy = "bidan", fundalHeight = 14, fetalHeartRate = 142, presentation = "belum" },
        })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var firstRecord = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, firstRecord.GetProperty("antenatal").GetProperty("visitNumber").GetInt32());
        Assert.Equal(10, firstRecord.GetProperty("antenatal").GetProperty("gestationalWeek").GetInt32());
        Assert.Equal(1, firstRecord.GetProperty("antenatal").GetProperty("trimester").GetInt32());
        Assert.Equal(["anemia"], firstRecord.GetProperty("antenatal").GetProperty("riskFlags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(2, suggested.GetProperty("suggestedAntenatalVisitNumber").GetInt32());
        var pregnancy = second.GetProperty("pregnancy");
        Assert.Equal(2, second.GetProperty("antenatal").GetProperty("visitNumber").GetInt32());
        Assert.Equal(16, second.GetProperty("antenatal").GetProperty("gestationalWeek").GetInt32());
        Assert.Equal(lmp, pregnancy.GetProperty("lmp").GetString());
        Assert.Equal(DateTime.ParseExact(lmp, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(280).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            pregnancy.GetProperty("edd").GetString());
        Assert.Equal((2, 1, 0), (pregnancy.GetProperty("gravida").GetInt32(), pregnancy.GetProperty("para").GetInt32(), pregnancy.GetProperty("abortus").GetInt32()));
        Assert.Equal(["anemia"], pregnancy.GetProperty("riskFlags").EnumerateArray().Select(f => f.GetString()));
        var contacts = pregnancy.GetProperty("contacts").EnumerateArray().ToList();
        Assert.Equal(["dokter", "bidan"], contacts.Select(c => c.GetProperty("givenBy").GetString()));
        Assert.Equal(10.4, contacts[0].GetProperty("hb").GetDouble());
        Assert.Equal(142, contacts[1].GetProperty("fetalHeartRate").GetInt32());
        Assert.Equal(firstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), pregnancy.GetProperty("k1Murni").GetString());
        using var c = _server.Database.Open();
        Assert.Equal(1, c.ExecuteScalar<long>("SELECT COUNT(*) FROM kia_pregnancies"));
    }

    [Fact]
    public async Task A_pregnancy_without_hpht_is_data_belum_lengkap_until_a_gestational_age_dates_it()
    {
        var rm = (await _desk.RegisterPatientAsync(PatientBuilder.Valid("Ibu Tanpa HPHT", "P", "1997-04-04"))).Rm();
        var visit = await _desk.RegisterVisitAsync(rm, "kia");

        var undated = await (await _midwife.PutAsJsonAsync($"/api/visits/{visit.Id}/kia", new { antenatal = new { givenBy = "bidan" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var incomplete = await _midwife.GetFromJsonAsync<JsonElement>("/api/kia/kohort?incomplete=true");
        var dated = await (await _midwife.PutAsJsonAsync($"/api/visits/{visit.Id}/kia", new { antenatal = new { givenBy = "bidan", gestationalWeek = 20 } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var afterwards = await _midwife.GetFromJsonAsync<JsonElement>("/api/kia/kohort?incomplete=true");

        Assert.False(undated.GetProperty("pregnancy").GetProperty("dated").GetBoolean());
        Assert.Equal(JsonValueKind.Null, undated.GetProperty("antenatal").GetProperty("gestationalWeek").ValueKind);
        Assert.Contains(incomplete.EnumerateArray(), e => e.GetProperty("rm").GetString() == rm);
        Assert.True(dated.GetProperty("pregnancy").GetProperty("dated").GetBoolean());
        Assert.Equal(20, dated.GetProperty("antenatal").GetProperty("gestationalWeek").GetInt32());
        Assert.Equal(2, dated.GetProperty("antenatal").GetProperty("trimester").GetInt32());
        Assert.DoesNotContain(afterwards.EnumerateArray(), e => e.GetProperty("rm").GetString() == rm);
    }

    [Fact]
    public async Task Delivery_postnatal_neonatal_immunisation_and_growth_are_recorded_and_replaced_by_a_new_version()
    {
        var mother = (await _desk.RegisterPatientAsync(PatientBuilder.Valid("Ibu Nifas", "P", "1994-01-01"))).Rm();
        var baby = (await _desk.RegisterPatientAsync(PatientBuilder.Valid("Bayi Ibu Nifas", "L", DateTime.UtcNow.AddHours(7).AddDays(-5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).With("nik", null))).Rm();
        var motherVisit = await _desk.RegisterVisitAsync(mother, "kia");
        var babyVisit = await _desk.RegisterVisitAsync(baby, "kia");

        var mom = await _midwife.PutAsJsonAsync($"/api/visits/{motherVisit.Id}/kia", new
        {
            delivery = new { deliveryDate = Today, place = "puskesmas", helper = "bidan" },
            kf = 1,
        });
        var child = await _midwife.PutAsJsonAsync($"/api/visits/{babyVisit.Id}/kia", new
        {
            kn = 2,
            immunizations = new[] { new { antigen = "HB0", dose = 1 }, new { antigen = "BCG", dose = 1 } },
            growth = new { weight = 3.4, height = 50 },
        });
        var replaced = await (await _midwife.PutAsJsonAsync($"/api/visits/{babyVisit.Id}/kia", new
        {
            kn = 2,
            immunizations = new[] { new { antigen = "HB0", dose = 1 } },
            growth = new { weight = 3.5, height = 50 },
        })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, mom.StatusCode);
        var momRecord = await mom.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("puskesmas", momRecord.GetProperty("delivery").GetProperty("place").GetString());
        Assert.True(momRecord.GetProperty("delivery").GetProperty("byHealthWorker").GetBoolean());
        Assert.True(momRecord.GetProperty("delivery").GetProperty("inFacility").GetBoolean());
        Assert.Equal("bidan", momRecord.GetProperty("delivery").GetProperty("helper").GetString());
        Assert.Equal(1, momRecord.GetProperty("kf").GetInt32());
        Assert.Equal(HttpStatusCode.OK, child.StatusCode);
        Assert.Equal(2, replaced.GetProperty("kn").GetInt32());
        Assert.Equal(["HB0"], replaced.GetProperty("immunizations").EnumerateArray().Select(i => i.GetProperty("antigen").GetString()));
        Assert.Equal(3.5, replaced.GetProperty("growth").GetProperty("weight").GetDouble());
        using var c = _server.Database.Open();
        Assert.Equal(1, c.ExecuteScalar<long>("SELECT COUNT(*) FROM kia_immunizations WHERE visit_id = @Id AND antigen = 'BCG' AND voided_at IS NOT NULL", new { babyVisit.Id }));
    }

    [Fact]
    public async Task Impossible_kia_records_are_refused_field_by_field_and_nothing_is_stored()
    {
        var man = (await _desk.RegisterPatientAsync(PatientBuilder.Valid("Bapak Uji", "L", "1980-01-01"))).Rm();
        var visit = await _desk.RegisterVisitAsync(man, "kia");

        var response = await _midwife.PutAsJsonAsync($"/api/visits/{visit.Id}/kia", new
        {
            antenatal = new { gestationalWeek = 60, riskFlags = new[] { "pusing" }, gravida = 2, para = 1, abortus = 1, muac = 80, hb = 1, fetalHeartRate = 20, presentation = "miring", tdStatus = "T9" },
            delivery = new { deliveryDate = "2000-01-01", place = "pasar" },
            kf = 7,
            kn = 1,
            immunizations = new[] { new { antigen = "VAKSINX", dose = 1 }, new { antigen = "BCG", dose = 9 } },
            growth = new { weight = 100 },
        });
        var fields = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        foreach (var f in new[] { "antenatal", "antenatal.givenBy", "antenatal.gestationalWeek", "antenatal.riskFlags", "antenatal.gravida", "antenatal.muac",
            "antenatal.hb", "antenatal.fetalHeartRate", "antenatal.presentation", "antenatal.tdStatus", "delivery", "delivery.deliveryDate", "delivery.place",
            "delivery.helper", "kf", "kn", "immunizations[0].antigen", "immunizations[1].dose", "growth", "growth.weight" })
        {
            Assert.Contains(f, fields);
        }
        using var c = _server.Database.Open();
        Assert.Equal(0, c.ExecuteScalar<long>("""
            SELECT (SELECT COUNT(*) FROM kia_antenatal_contacts) + (SELECT COUNT(*) FROM kia_pregnancies) + (SELECT COUNT(*) FROM kia_immunizations)
                 + (SELECT COUNT(*) FROM kia_growth)
            """));
        Assert.Equal("arrived", c.ExecuteScalar<string>("SELECT status FROM visits WHERE id = @Id", new { visit.Id }));
    }

    [Fact]
    public async Task A_clinician_of_another_poli_cannot_write_kia_records()
    {
        var rm = (await _desk.RegisterPatientAsync(PatientBuilder.Valid("Ibu Lain", "P", "1995-02-02"))).Rm();
        var visit = await _desk.RegisterVisitAsync(rm, "kia");
        var dentist = await _server.ClientAsAsync("klinisi", "gigi");

        var response = await dentist.PutAsJsonAsync($"/api/visits/{visit.Id}/kia", new { antenatal = new { givenBy = "bidan", gestationalWeek = 12 } });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var c = _server.Database.Open();
        Assert.Equal(0, c.ExecuteScalar<long>("SELECT COUNT(*) FROM kia_antenatal_contacts"));
    }
}
