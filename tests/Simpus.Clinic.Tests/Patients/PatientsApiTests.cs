using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Simpus.Clinic.Tests.Infrastructure;

namespace Simpus.Clinic.Tests.Patients;

public sealed class PatientsApiTests : IAsyncLifetime
{
    private ClinicServer _server = null!;
    private HttpClient _desk = null!;

    public async Task InitializeAsync()
    {
        _server = await ClinicServer.StartAsync();
        _desk = await _server.ClientAsAsync("pendaftaran");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Registers_a_patient_with_a_family_folder_number_and_reads_it_back()
    {
        var created = await _desk.RegisterPatientAsync(PatientBuilder.Valid("Budi Santoso", "L", "1980-02-03"));

        var rm = created.Rm();
        Assert.Matches(@"^KK-\d{6}-01$", rm);
        var fetched = await _desk.GetFromJsonAsync<JsonElement>($"/api/patients/{rm}");
        Assert.Equal("Budi Santoso", fetched.GetProperty("name").GetString());
        Assert.Equal("L", fetched.GetProperty("sex").GetString());
        Assert.Equal("1980-02-03", fetched.GetProperty("birthDate").GetString());
        Assert.Equal("33.73.04.1001", fetched.GetProperty("regionCode").GetString());
        Assert.Equal("003", fetched.GetProperty("rt").GetString());
        Assert.Equal("002", fetched.GetProperty("rw").GetString());
        Assert.Equal("081234567890", fetched.GetProperty("phone").GetString());
        Assert.Equal(13, fetched.GetProperty("bpjsNumber").GetString()!.Length);
    }

    [Fact]
    public async Task Family_members_share_the_family_number_with_the_next_suffix()
    {
        var head = await _desk.RegisterPatientAsync(PatientBuilder.Valid("Agus Wibowo", "L", "1979-05-01"));
        var wife = await _desk.RegisterPatientAsync(PatientBuilder.Valid("Sri Rahayu", "P", "1982-07-09")
            .With("familyRm", head.Rm()).With("relation", "istri"));
        var child = await _desk.RegisterPatientAsync(PatientBuilder.Valid("Dimas Wibowo", "L", "2015-01-20")
            .With("familyRm", wife.Rm()).With("relation", "anak"));

        var family = head.Rm()[..^3];
        Assert.Equal(family + "-02", wife.Rm());
        Assert.Equal(family + "-03", child.Rm());
        Assert.Equal(head.Rm(), child.GetProperty("familyHeadRm").GetString());
        Assert.Equal("anak", child.GetProperty("relation").GetString());
    }

    [Fact]
    public async Task Invalid_input_answers_400_naming_every_bad_field_and_stores_nothing()
    {
        var body = PatientBuilder.Valid("Siti Aminah", "P", "1985-04-12")
            .With("nik", "3373041204850001")   // a man's NIK (day 12, not 52)
            .With("bpjsNumber", "12345")
            .With("rt", "abc")
            .With("regionCode", "99.99");
        body["birthDate"] = "1985-04-12";

        var response = await _desk.PostAsJsonAsync("/api/patients", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.JsonAsync();
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("nik", out _));
        Assert.True(errors.TryGetProperty("bpjsNumber", out _));
        Assert.True(errors.TryGetProperty("rt", out _));
        Assert.True(errors.TryGetProperty("regionCode", out _));
        Assert.Contains("nik.sex", problem.GetProperty("codes").GetProperty("nik").EnumerateArray().Select(e => e.GetString()));
        using var c = _server.Database.Open();
        Assert.Equal(0, c.ExecuteScalar<long>("SELECT COUNT(*) FROM patients"));
        Assert.Equal(0, c.ExecuteScalar<long>("SELECT COUNT(*) FROM families"));
    }

    [Theory]
    [InlineData("name", "", "name")]
    [InlineData("sex", "X", "sex")]
    [InlineData("birthDate", "12-04-1985", "birthDate")]
    [InlineData("birthDate", "2999-01-01", "birthDate")]
    [InlineData("phone", "12", "phone")]
    [InlineData("defaultPayer", "asuransi", "defaultPayer")]
    public async Task Each_bad_field_is_named(string field, string value, string expectedField)
    {
        var body = PatientBuilder.Valid().With(field, value);
        if (field == "birthDate")
        {
            body["nik"] = null;
        }
        var response = await _desk.PostAsJsonAsync("/api/patients", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty(expectedField, out var messages), problem.ToString());
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
    }

    [Fact]
    public async Task A_NIK_whose_date_disagrees_with_the_birth_date_is_refused()
    {
        var body = PatientBuilder.Valid("Siti Aminah", "P", "1985-04-12").With("nik", "3373045204860001");

        var response = await _desk.PostAsJsonAsync("/api/patients", body);

        var problem = await response.JsonAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("nik.birthDate", problem.GetProperty("codes").GetProperty("nik").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task The_same_NIK_or_BPJS_number_is_refused_with_a_pointer_to_the_existing_patient()
    {
        var first = PatientBuilder.Valid("Siti Aminah", "P", "1985-04-12");
        var existing = await _desk.RegisterPatientAsync(first);

        var sameNik = PatientBuilder.Valid("Siti Aminah", "P", "1985-04-12").With("nik", first["nik"]);
        var r1 = await _desk.PostAsJsonAsync("/api/patients", sameNik);
        var sameBpjs = PatientBuilder.Valid("Ani Lestari", "P", "1990-01-01").With("bpjsNumber", first["bpjsNumber"]);
        var r2 = await _desk.PostAsJsonAsync("/api/patients", sameBpjs);

        Assert.Equal(HttpStatusCode.Conflict, r1.StatusCode);
        Assert.Equal(existing.Rm(), (await r1.JsonAsync()).GetProperty("existingRm").GetString());
        Assert.Equal(HttpStatusCode.Conflict, r2.StatusCode);
        Assert.Equal(existing.Rm(), (await r2.JsonAsync()).GetProperty("existingRm").GetString());
    }

    [Fact]
    public async Task A_similar_name_shows_candidates_and_the_desk_may_still_confirm()
    {
        var existing = await _desk.RegisterPatientAsync(PatientBuilder.Valid("Siti Aminah", "P", "1985-04-12"));

        var candidates = await _desk.GetFromJsonAsync<JsonElement>("/api/patients/duplicates?name=Sity%20Aminah&sex=P&birthDate=1986-01-01");
        var checkedBody = PatientBuilder.Valid("Sity Aminah", "P", "1986-01-01").With("checkDuplicates", true);
        var refused = await _desk.PostAsJsonAsync("/api/patients", checkedBody);
        var confirmed = await _desk.PostAsJsonAsync("/api/patients", checkedBody.With("checkDuplicates", false));

        Assert.Equal(existing.Rm(), candidates[0].GetProperty("rm").GetString());
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(existing.Rm(), (await refused.JsonAsync()).GetProperty("candidates")[0].GetProperty("rm").GetString());
        Assert.Equal(HttpStatusCode.Created, confirmed.StatusCode);
        var otherSex = await _desk.GetFromJsonAsync<JsonElement>("/api/patients/duplicates?name=Siti%20Aminah&sex=L&birthDate=1985-04-12");
        var farYear = await _desk.GetFromJsonAsync<JsonElement>("/api/patients/duplicates?name=Siti%20Aminah&sex=P&birthDate=1990-04-12");
        Assert.Equal(0, otherSex.GetArrayLength());
        Assert.Equal(0, farYear.GetArrayLength());
    }

    [Fact]
    public async Task Search_finds_by_rm_nik_bpjs_and_typo_tolerant_name_best_first()
    {
        var siti = PatientBuilder.Valid("Siti Aminah", "P", "1985-04-12");
        var sitiJson = await _desk.RegisterPatientAsync(siti);
        var muhammad = await _desk.RegisterPatientAsync(PatientBuilder.Valid("Muhammad Rizki", "L", "1990-03-03"));
        var mohamad = await _desk.RegisterPatientAsync(PatientBuilder.Valid("Mohamad Rizky Pratama", "L", "1975-03-03"));
        await _desk.RegisterPatientAsync(PatientBuilder.Valid("Aminah Siregar", "P", "1960-01-01"));

        async Task<List<string>> Search(string q) =>
            (await _desk.GetFromJsonAsync<JsonElement>($"/api/patients?q={Uri.EscapeDataString(q)}")).EnumerateArray()
                .Select(e => e.GetProperty("rm").GetString()!).ToList();

        Assert.Equal(sitiJson.Rm(), (await Search(sitiJson.Rm()))[0]);
        Assert.Equal(sitiJson.Rm(), (await Search((string)siti["nik"]!))[0]);
        Assert.Equal(sitiJson.Rm(), (await Search((string)siti["bpjsNumber"]!))[0]);
        Assert.Equal(sitiJson.Rm(), (await Search("Sity Aminah"))[0]);
        Assert.Equal(sitiJson.Rm(), (await Search("siti amin"))[0]);
        Assert.Equal(sitiJson.Rm(), (await Search("SITI AMNAH"))[0]);
        var muh = await Search("Muhamad Rizki");
        Assert.Contains(muhammad.Rm(), muh);
        Assert.Contains(mohamad.Rm(), muh);
        Assert.Equal(muhammad.Rm(), muh[0]);
        Assert.Equal(mohamad.Rm(), (await Search("muhamad rizki 1975"))[0]);
        Assert.Empty(await Search("Zulkarnaen"));
    }

    [Fact]
    public async Task Search_answers_at_most_20_results()
    {
        for (var i = 0; i < 25; i++)
        {
            await _desk.RegisterPatientAsync(PatientBuilder.Valid("Dewi Lestari", "P", $"19{60 + i}-01-01"));
        }

        var results = await _desk.GetFromJsonAsync<JsonElement>("/api/patients?q=dewi");

        Assert.Equal(20, results.GetArrayLength());
    }

    [Fact]
    public async Task Every_change_keeps_history_and_a_voided_patient_leaves_the_search_but_stays()
    {
        var body = PatientBuilder.Valid("Rina Wati", "P", "1992-09-09");
        var created = await _desk.RegisterPatientAsync(body);
        var rm = created.Rm();

        var update = await _desk.PutAsJsonAsync($"/api/patients/{rm}", body.With("address", "Jl. Kenanga No. 7").With("phone", "081111111111"));
        update.EnsureSuccessStatusCode();
        var history = await _desk.GetFromJsonAsync<JsonElement>($"/api/patients/{rm}/history");
        var noReason = await _desk.PostAsJsonAsync($"/api/patients/{rm}/void", new { reason = "" });
        var voided = await _desk.PostAsJsonAsync($"/api/patients/{rm}/void", new { reason = "Salah input, pasien ganda" });
        var search = await _desk.GetFromJsonAsync<JsonElement>("/api/patients?q=Rina%20Wati");
        var stillThere = await _desk.GetFromJsonAsync<JsonElement>($"/api/patients/{rm}");

        var address = history.EnumerateArray().Single(h => h.GetProperty("field").GetString() == "address");
        Assert.Equal("Jl. Melati No. 5", address.GetProperty("oldValue").GetString());
        Assert.Equal("Jl. Kenanga No. 7", address.GetProperty("newValue").GetString());
        Assert.False(string.IsNullOrEmpty(address.GetProperty("changedBy").GetString()));
        Assert.Contains(history.EnumerateArray(), h => h.GetProperty("field").GetString() == "phone");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.OK, voided.StatusCode);
        Assert.Equal(0, search.GetArrayLength());
        Assert.True(stillThere.GetProperty("voided").GetBoolean());
        Assert.Equal("Salah input, pasien ganda", stillThere.GetProperty("voidReason").GetString());
    }

    [Fact]
    public async Task An_estimated_age_gives_a_flagged_birth_date()
    {
        var body = PatientBuilder.Valid("Mbah Sarinah", "P", "1950-01-01");
        body["birthDate"] = null;
        body["nik"] = null;
        body["estimatedAge"] = 75;

        var created = await _desk.RegisterPatientAsync(body);

        Assert.True(created.GetProperty("birthDateEstimated").GetBoolean());
        var year = DateOnly.Parse(created.GetProperty("birthDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture).Year;
        Assert.InRange(DateTime.UtcNow.Year - year, 74, 76);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        var response = await _desk.PostAsync("/api/patients", new StringContent("{\"name\": ", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}
