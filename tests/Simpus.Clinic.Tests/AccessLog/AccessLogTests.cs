using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Simpus.Clinic.Tests.Infrastructure;

namespace Simpus.Clinic.Tests.AccessLog;

/// <summary>Who opened which patient's clinical record (issue 14.9): logged on every clinical read, shown to the head per patient and per user.</summary>
public sealed class AccessLogTests(SharedClinicServer shared) : IClassFixture<SharedClinicServer>
{
    private ClinicServer Server => shared.Server;

    [Fact]
    public async Task Every_opening_of_a_clinical_record_is_logged_and_the_head_sees_it_per_patient_and_per_user()
    {
        var desk = await Server.ClientAsAsync("pendaftaran");
        var patient = await desk.RegisterPatientAsync(PatientBuilder.Valid("Wati Rahayu", "P", "1990-02-03"));
        var other = await desk.RegisterPatientAsync(PatientBuilder.Valid("Joko Susilo", "L", "1975-07-08"));
        var visit = await desk.RegisterVisitAsync(patient.Rm());
        var (doctorName, doctor) = await Server.UserAsAsync("klinisi", "umum", "dr. Andi Pratama");
        var (nurseName, nurse) = await Server.UserAsAsync("klinisi", "umum", "Ns. Rina");
        var (_, head) = await Server.UserAsAsync("kepala");

        Assert.Equal(HttpStatusCode.OK, (await doctor.GetAsync($"/api/patients/{patient.Rm()}/history-clinical")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await doctor.GetAsync($"/api/visits/{visit.Id}/examination")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await nurse.GetAsync($"/api/visits/{visit.Id}/examination")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await nurse.GetAsync($"/api/patients/{other.Rm()}/history-clinical")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await nurse.GetAsync("/api/patients/KK-999999-01/history-clinical")).StatusCode);
        var demographicsOnly = await doctor.GetAsync($"/api/patients/{other.Rm()}");

        var perPatient = (await head.GetFromJsonAsync<JsonElement>($"/api/access-log?rm={patient.Rm()}")).EnumerateArray().ToList();
        var perNurse = (await head.GetFromJsonAsync<JsonElement>($"/api/access-log?username={nurseName}")).EnumerateArray().ToList();
        var perDoctor = (await head.GetFromJsonAsync<JsonElement>($"/api/access-log?username={doctorName}")).EnumerateArray().ToList();
        var users = (await head.GetFromJsonAsync<JsonElement>("/api/access-log/users")).EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, demographicsOnly.StatusCode);
        Assert.Equal([nurseName, doctorName], perPatient.Select(a => a.GetProperty("username").GetString()));
        Assert.Equal(["pemeriksaan", "riwayat"], perPatient.Select(a => a.GetProperty("part").GetString()));
        Assert.Equal("dr. Andi Pratama", perPatient[1].GetProperty("userFullName").GetString());
        Assert.Single(perDoctor);
        Assert.Equal([other.Rm(), patient.Rm()], perNurse.Select(a => a.GetProperty("rm").GetString()));
        Assert.Equal(["Joko Susilo", "Wati Rahayu"], perNurse.Select(a => a.GetProperty("patientName").GetString()));
        var nurseSummary = users.Single(u => u.GetProperty("username").GetString() == nurseName);
        Assert.Equal(2, nurseSummary.GetProperty("openings").GetInt32());
        Assert.Equal(2, nurseSummary.GetProperty("patients").GetInt32());
        var openedAt = perNurse[0].GetProperty("openedAt").GetDateTimeOffset();
        Assert.InRange(DateTimeOffset.UtcNow - openedAt, TimeSpan.Zero, TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task Reading_a_visits_letters_for_printing_is_an_opening_too()
    {
        var desk = await Server.ClientAsAsync("pendaftaran");
        var patient = await desk.RegisterPatientAsync(PatientBuilder.Valid("Sri Lestari", "P", "1982-09-10"));
        var visit = await desk.RegisterVisitAsync(patient.Rm());
        var (doctorName, doctor) = await Server.UserAsAsync("klinisi", "umum");
        var admin = await Server.AdminAsync();

        var letters = await doctor.GetAsync($"/api/visits/{visit.Id}/letters");
        var log = (await admin.GetFromJsonAsync<JsonElement>($"/api/access-log?rm={patient.Rm()}")).EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, letters.StatusCode);
        var entry = Assert.Single(log);
        Assert.Equal(doctorName, entry.GetProperty("username").GetString());
        Assert.Equal("surat", entry.GetProperty("part").GetString());
    }

    [Fact]
    public async Task Only_the_head_and_the_admin_read_the_log_and_bad_filters_are_named()
    {
        var desk = await Server.ClientAsAsync("pendaftaran");
        var doctor = await Server.ClientAsAsync("klinisi", "umum");
        var admin = await Server.AdminAsync();

        var both = await admin.GetAsync("/api/access-log?rm=KK-000001-01&username=admin");
        var neither = await admin.GetAsync("/api/access-log");
        var badDate = await admin.GetAsync("/api/access-log?username=admin&from=2026-13-01");
        var reversed = await admin.GetAsync("/api/access-log?username=admin&from=2026-03-02&to=2026-03-01");
        var unknownUser = await admin.GetAsync("/api/access-log?username=tidak-ada");

        Assert.Equal(HttpStatusCode.Forbidden, (await desk.GetAsync("/api/access-log/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await doctor.GetAsync("/api/access-log?username=admin")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, neither.StatusCode);
        Assert.True((await badDate.JsonAsync()).GetProperty("errors").TryGetProperty("from", out _));
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownUser.StatusCode);
    }
}
