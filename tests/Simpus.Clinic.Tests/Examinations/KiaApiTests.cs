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
    public async Task Antenatal_visits_are_numbered_within_the_pregnancy_with_gestational_week_and_risk_flags()
    {
        var rm = (await _desk.RegisterPatientAsync(PatientBuilder.Valid("Ibu Hamil", "P", "1996-03-03"))).Rm();
        var k1 = await _desk.RegisterVisitAsync(rm, "kia", arrivedAt: DateTimeOffset.UtcNow.AddDays(-40).ToString("O"));
        var first = await _midwife.PutAsJsonAsync($"/api/visits/{k1.Id}/kia", new { antenatal = new { gestationalWeek = 10, riskFlags = new[] { "anemia" } } });
        await _midwife.PostAsJsonAsync($"/api/visits/{k1.Id}/status", new { status = "finished" });
        var k2 = await _desk.RegisterVisitAsync(rm, "kia");

        var suggested = await _midwife.GetFromJsonAsync<JsonElement>($"/api/visits/{k2.Id}/kia");
        var second = await (await _midwife.PutAsJsonAsync($"/api/visits/{k2.Id}/kia", new { antenatal = new { gestationalWeek = 16 } }))
            .Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var firstRecord = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, firstRecord.GetProperty("antenatal").GetProperty("visitNumber").GetInt32());
        Assert.Equal(["anemia"], firstRecord.GetProperty("antenatal").GetProperty("riskFlags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(2, suggested.GetProperty("suggestedAntenatalVisitNumber").GetInt32());
        Assert.Equal(2, second.GetProperty("antenatal").GetProperty("visitNumber").GetInt32());
        Assert.Equal(16, second.GetProperty("antenatal").GetProperty("gestationalWeek").GetInt32());
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
            delivery = new { deliveryDate = Today, place = "puskesmas", byHealthWorker = true },
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
            antenatal = new { gestationalWeek = 60, riskFlags = new[] { "pusing" } },
            delivery = new { deliveryDate = "2000-01-01", place = "pasar" },
            kf = 7,
            kn = 1,
            immunizations = new[] { new { antigen = "VAKSINX", dose = 1 }, new { antigen = "BCG", dose = 9 } },
            growth = new { weight = 100 },
        });
        var fields = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        foreach (var f in new[] { "antenatal", "antenatal.gestationalWeek", "antenatal.riskFlags", "delivery", "delivery.deliveryDate", "delivery.place",
            "delivery.byHealthWorker", "kf", "kn", "immunizations[0].antigen", "immunizations[1].dose", "growth", "growth.weight" })
        {
            Assert.Contains(f, fields);
        }
        using var c = _server.Database.Open();
        Assert.Equal(0, c.ExecuteScalar<long>("SELECT (SELECT COUNT(*) FROM kia_antenatal) + (SELECT COUNT(*) FROM kia_immunizations) + (SELECT COUNT(*) FROM kia_growth)"));
    }

    [Fact]
    public async Task A_clinician_of_another_poli_cannot_write_kia_records()
    {
        var rm = (await _desk.RegisterPatientAsync(PatientBuilder.Valid("Ibu Lain", "P", "1995-02-02"))).Rm();
        var visit = await _desk.RegisterVisitAsync(rm, "kia");
        var dentist = await _server.ClientAsAsync("klinisi", "gigi");

        var response = await dentist.PutAsJsonAsync($"/api/visits/{visit.Id}/kia", new { antenatal = new { gestationalWeek = 12 } });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var c = _server.Database.Open();
        Assert.Equal(0, c.ExecuteScalar<long>("SELECT COUNT(*) FROM kia_antenatal"));
    }
}
