using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Simpus.Clinic.Tests.Infrastructure;
using Simpus.Core.Visits;

namespace Simpus.Clinic.Tests.Desk;

/// <summary>The desk's API: NIK/birth-date mismatch confirmed with a reason, regions from the official list, ages in months and
/// days, queue letters, calls to the waiting room, the queue ticket, and names instead of codes.</summary>
public sealed class DeskApiTests : IAsyncLifetime
{
    private ClinicServer _server = null!;
    private HttpClient _admin = null!;
    private HttpClient _desk = null!;

    public async Task InitializeAsync()
    {
        _server = await ClinicServer.StartAsync();
        _admin = await _server.AdminAsync();
        _desk = await _server.ClientAsAsync("pendaftaran");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private long Count(string sql, object? args = null)
    {
        using var c = _server.Database.Open();
        return c.ExecuteScalar<long>(sql, args);
    }

    private static IEnumerable<string?> Codes(JsonElement problem, string field) =>
        problem.GetProperty("codes").GetProperty(field).EnumerateArray().Select(e => e.GetString());

    [Fact]
    public async Task A_NIK_disagreeing_with_a_corrected_birth_date_is_refused_unconfirmed_and_stored_with_its_reason_when_confirmed()
    {
        // Dukcapil corrected the birth date to 1985-04-15; the NIK still says 12-04-85.
        var body = PatientBuilder.Valid("Ratna Kusuma", "P", "1985-04-15").With("nik", "3373045204850017");

        var unconfirmed = await _desk.PostAsJsonAsync("/api/patients", body);
        var problem = await unconfirmed.JsonAsync();
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains("nik.birthDate", Codes(problem, "nik"));
        Assert.Contains("nik.mismatchUnconfirmed", Codes(problem, "nikMismatchReason"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM patients"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM patient_history"));

        var reason = "Tanggal lahir dikoreksi Dukcapil (KK 2024), NIK tidak diganti";
        var confirmed = await _desk.PostAsJsonAsync("/api/patients", body.With("nikMismatchReason", reason));
        var patient = await confirmed.JsonAsync();
        Assert.Equal(HttpStatusCode.Created, confirmed.StatusCode);
        Assert.Equal(reason, patient.GetProperty("nikMismatchReason").GetString());
        Assert.Equal("1985-04-15", patient.GetProperty("birthDate").GetString());
        var history = await _desk.GetFromJsonAsync<JsonElement>($"/api/patients/{patient.Rm()}/history");
        Assert.Contains(history.EnumerateArray(), h => h.GetProperty("field").GetString() == "nikMismatchReason" && h.GetProperty("newValue").GetString() == reason);
        Assert.Equal(reason, _server.Database.Open().ExecuteScalar<string>("SELECT nik_mismatch_reason FROM patients WHERE rm = @rm", new { rm = patient.Rm() }));

        // Correcting the phone keeps the confirmation; changing the birth date again needs a new one.
        var phone = await _desk.PutAsJsonAsync($"/api/patients/{patient.Rm()}", body.With("nikMismatchReason", null).With("phone", "0813-1111-2222"));
        Assert.Equal(HttpStatusCode.OK, phone.StatusCode);
        var moved = await _desk.PutAsJsonAsync($"/api/patients/{patient.Rm()}", body.With("birthDate", "1985-04-16"));
        Assert.Equal(HttpStatusCode.BadRequest, moved.StatusCode);
        Assert.Equal("1985-04-15", (await _desk.GetFromJsonAsync<JsonElement>($"/api/patients/{patient.Rm()}")).GetProperty("birthDate").GetString());
    }

    [Theory]
    [InlineData("3373045204850000", "nik.serial")]    // serial 0000
    [InlineData("9973045204850017", "nik.province")]  // no province 99
    [InlineData("3373043102850017", "nik.date")]      // 31 February
    [InlineData("33730452048500", "nik.format")]
    public async Task Format_province_impossible_dates_and_serial_0000_stay_hard_errors_even_with_a_reason(string nik, string code)
    {
        var body = PatientBuilder.Valid("Ratna Kusuma", "P", "1985-04-15").With("nik", nik).With("nikMismatchReason", "dikoreksi Dukcapil");

        var response = await _desk.PostAsJsonAsync("/api/patients", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(code, Codes(await response.JsonAsync(), "nik"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM patients"));
    }

    [Fact]
    public async Task Desa_adat_codes_are_valid_codes_outside_the_list_are_refused_and_names_come_back()
    {
        var adat = await _desk.PostAsJsonAsync("/api/patients", PatientBuilder.Valid("Yakobus Wonda", "L", "1990-03-03").With("regionCode", "91.03.01.3007"));
        var unknown = await _desk.PostAsJsonAsync("/api/patients", PatientBuilder.Valid("Yakobus Wonda", "L", "1990-03-03").With("regionCode", "33.73.04.2001"));

        Assert.Equal(HttpStatusCode.Created, adat.StatusCode);
        Assert.Equal("Desa Adat Yoboi, Kec. Sentani, Kabupaten Jayapura", (await adat.JsonAsync()).GetProperty("regionName").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("region.unknown", Codes(await unknown.JsonAsync(), "regionCode"));
        Assert.Equal(1, Count("SELECT COUNT(*) FROM patients"));
    }

    [Fact]
    public async Task The_puskesmas_kab_kota_and_kecamatan_are_chosen_from_the_list_and_its_villages_come_first()
    {
        var outside = await _admin.PutAsJsonAsync("/api/settings", new { code = "P3373040101", name = "Puskesmas Sukamaju", regionCode = "33.73", kecamatanCode = "33.74.01", timeZone = "WIB", rmFormat = "KK-{family:000000}-{member:00}" });
        var saved = await _admin.PutAsJsonAsync("/api/settings", new { code = "P3373040101", name = "Puskesmas Sukamaju", regionCode = "33.73", kecamatanCode = "33.73.04", timeZone = "WIB", rmFormat = "KK-{family:000000}-{member:00}" });
        var settings = await saved.JsonAsync();
        var dukuh = await _desk.GetFromJsonAsync<JsonElement>("/api/regions?q=dukuh");

        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Contains("kecamatanCode.outside", Codes(await outside.JsonAsync(), "kecamatanCode"));
        Assert.Equal("Kota Salatiga", settings.GetProperty("regionName").GetString());
        Assert.Equal("Sidomukti", settings.GetProperty("kecamatanName").GetString());
        Assert.Equal("33.73.04.1002", dukuh[0].GetProperty("code").GetString());
        Assert.True(dukuh.GetArrayLength() > 1);
    }

    [Fact]
    public async Task A_baby_brought_as_3_bulan_is_born_3_months_ago_and_0_tahun_is_refused()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var baby = await _desk.RegisterPatientAsync(new Dictionary<string, object?> { ["name"] = "Bayi Ny. Sari", ["sex"] = "P", ["estimatedAge"] = 3, ["estimatedAgeUnit"] = "bulan" });
        var zero = await _desk.PostAsJsonAsync("/api/patients", new { name = "Bayi Ny. Ani", sex = "L", estimatedAge = 0 });

        Assert.Equal(today.AddMonths(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), baby.GetProperty("birthDate").GetString());
        Assert.True(baby.GetProperty("birthDateEstimated").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        Assert.Contains("bulan atau hari", (await zero.JsonAsync()).GetProperty("errors").GetProperty("estimatedAge")[0].GetString());
    }

    [Fact]
    public async Task Queue_numbers_carry_the_poli_letter_calls_reach_the_waiting_room_and_can_be_repeated()
    {
        var doctor = await _server.ClientAsAsync("klinisi", "umum");
        var first = await _desk.RegisterVisitAsync((await _desk.RegisterPatientAsync()).Rm(), "umum");
        var second = await _desk.RegisterVisitAsync((await _desk.RegisterPatientAsync(PatientBuilder.Valid("Agus Wibowo", "L", "1979-05-01"))).Rm(), "umum");
        var child = await _desk.RegisterVisitAsync((await _desk.RegisterPatientAsync(PatientBuilder.Valid("Dimas Wibowo", "L", "2019-01-20"))).Rm(), "anak");

        Assert.Equal(("U-001", "U-002", "A-001"), (first.QueueLabel, second.QueueLabel, child.QueueLabel));
        Assert.Equal(("Poli Umum", "BPJS PBI"), (first.PoliName, first.PayerName));
        var ticket = await _desk.GetFromJsonAsync<JsonElement>($"/api/visits/{second.Id}/ticket");
        Assert.Equal(1, ticket.GetProperty("waitingBefore").GetInt32());
        Assert.Equal("U-002", ticket.GetProperty("queueLabel").GetString());

        var none = await _desk.GetFromJsonAsync<JsonElement>("/api/queue/calls");
        Assert.Equal(0, none.GetArrayLength());
        var notCalled = await doctor.PostAsync($"/api/visits/{first.Id}/call", null);
        Assert.Equal(HttpStatusCode.Conflict, notCalled.StatusCode);
        (await doctor.PostAsJsonAsync($"/api/visits/{first.Id}/status", new { status = "in-progress" })).EnsureSuccessStatusCode();
        var calls = await _desk.GetFromJsonAsync<JsonElement>("/api/queue/calls?after=0");
        var call = Assert.Single(calls.EnumerateArray());
        Assert.Equal("Nomor antrean U satu, silakan ke Poli Umum", call.GetProperty("announcement").GetString());
        var again = await doctor.PostAsync($"/api/visits/{first.Id}/call", null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var after = await _desk.GetFromJsonAsync<JsonElement>($"/api/queue/calls?after={call.GetProperty("id").GetInt64()}");
        Assert.True(Assert.Single(after.EnumerateArray()).GetProperty("repeated").GetBoolean());
        var otherPoli = await (await _server.ClientAsAsync("klinisi", "gigi")).PostAsync($"/api/visits/{first.Id}/call", null);
        Assert.Equal(HttpStatusCode.Forbidden, otherPoli.StatusCode);

        var board = await _desk.GetFromJsonAsync<JsonElement>("/api/queue");
        var umum = board.EnumerateArray().Single(p => p.GetProperty("poli").GetString() == "umum");
        Assert.Equal("U-001", umum.GetProperty("servingLabel").GetString());
        Assert.Equal("U-002", umum.GetProperty("nextLabels")[0].GetString());
    }

    [Fact]
    public async Task Poli_short_names_letters_and_number_keys_are_settings_with_defaults()
    {
        var tb = await _admin.PostAsJsonAsync("/api/poli", new { code = "tbc", name = "Poli TB Paru", sortOrder = 8, active = true });
        var taken = await _admin.PostAsJsonAsync("/api/poli", new { code = "tbc", name = "Poli TB Paru", letter = "U", sortOrder = 8, active = true });
        var renamed = await _admin.PostAsJsonAsync("/api/poli", new { code = "gigi", name = "Poli Gigi dan Mulut", shortName = "Gigi", letter = "GM", sortOrder = 2, active = true });
        var poli = await _desk.GetFromJsonAsync<JsonElement>("/api/poli");

        var created = await tb.JsonAsync();
        Assert.Equal(("TB Paru", "T"), (created.GetProperty("shortName").GetString(), created.GetProperty("letter").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("poli.letterTaken", Codes(await taken.JsonAsync(), "letter"));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(Enumerable.Range(1, 8), poli.EnumerateArray().Select(p => p.GetProperty("key").GetInt32()));
        var visit = await _desk.RegisterVisitAsync((await _desk.RegisterPatientAsync()).Rm(), "gigi");
        Assert.Equal("GM-001", visit.QueueLabel);
    }

    [Fact]
    public async Task The_worklist_and_the_history_carry_payer_poli_and_clinician_names()
    {
        await _admin.PostAsJsonAsync("/api/users", new { username = "dokter", fullName = "dr. Andi Pratama", password = "dokter-poli-umum", role = "klinisi", poli = "umum" });
        var doctor = await _server.LoginAsync("dokter", "dokter-poli-umum");
        var rm = (await _desk.RegisterPatientAsync()).Rm();
        var visit = await _desk.RegisterVisitAsync(rm, "umum", "bpjs-non-pbi");
        (await doctor.PutAsJsonAsync($"/api/visits/{visit.Id}/examination?finish=true", new
        {
            complaint = "Batuk", vitals = new { }, diagnoses = new[] { new { code = "J06.9", primary = true } },
        })).EnsureSuccessStatusCode();

        var worklist = await doctor.GetFromJsonAsync<JsonElement>("/api/poli/worklist");
        var history = await doctor.GetFromJsonAsync<JsonElement>($"/api/patients/{rm}/history-clinical");

        Assert.Equal("BPJS Non-PBI", worklist[0].GetProperty("payerName").GetString());
        Assert.Equal("U-001", worklist[0].GetProperty("queueLabel").GetString());
        Assert.Equal("dr. Andi Pratama", history.GetProperty("visits")[0].GetProperty("clinicianName").GetString());
        Assert.Equal("Poli Umum", history.GetProperty("visits")[0].GetProperty("poliName").GetString());
    }

    [Fact]
    public async Task Search_says_whether_the_best_hit_is_exact_or_only_similar()
    {
        await _desk.RegisterPatientAsync(PatientBuilder.Valid("Suparman Hidayat", "L", "1962-03-01"));

        var exact = await _desk.GetFromJsonAsync<JsonElement>("/api/patients?q=suparman%20hidayat");
        var typo = await _desk.GetFromJsonAsync<JsonElement>("/api/patients?q=suparmin%20hidayat");

        Assert.Equal("exact", exact[0].GetProperty("match").GetString());
        Assert.Equal("similar", typo[0].GetProperty("match").GetString());
        Assert.Equal("Kel. Kecandran, Kec. Sidomukti, Kota Salatiga", exact[0].GetProperty("regionName").GetString());
    }
}
