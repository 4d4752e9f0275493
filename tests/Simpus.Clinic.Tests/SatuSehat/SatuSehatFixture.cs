using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Simpus.Clinic.Tests.Infrastructure;
using Simpus.SatuSehat.Double;
using Simpus.SatuSehat.Fhir;

namespace Simpus.Clinic.Tests.SatuSehat;

/// <summary>
/// One SATUSEHAT double and one clinic service started with nothing but <c>--Simpus:SatuSehat:*</c> keys pointing at it (no one
/// opens a settings page), shared by the tests of a class. Helpers register patients known (or not) to the double, a clinician
/// with a NIK, and take a visit through registration, examination and finishing.
/// </summary>
public sealed class SatuSehatFixture : IAsyncLifetime
{
    public SatuSehatDouble Double { get; private set; } = null!;

    public ClinicServer Server { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public HttpClient Desk { get; private set; } = null!;

    public HttpClient Clinician { get; private set; } = null!;

    public string ClinicianUsername { get; private set; } = null!;

    public string PractitionerId { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Double = await SatuSehatDouble.StartAsync();
        Server = await ClinicServer.StartAsync(
            $"--Simpus:SatuSehat:AuthUrl={Double.AuthUrl}",
            $"--Simpus:SatuSehat:BaseUrl={Double.BaseUrl}",
            $"--Simpus:SatuSehat:OrganizationId={SatuSehatDouble.OrganizationId}",
            $"--Simpus:SatuSehat:ClientId={SatuSehatDouble.ClientId}",
            $"--Simpus:SatuSehat:ClientSecret={SatuSehatDouble.ClientSecret}",
            "--Simpus:SatuSehat:PollSeconds=0.2",
            // One visit per batch: while a visit is sent the next is already prepared and validated (the sender's look-ahead), so
            // every test here also proves that the look-ahead keeps order and exactly-once through pauses, throttling and lost answers.
            "--Simpus:SatuSehat:BatchSize=1",
            "--Simpus:SatuSehat:RetryBaseSeconds=0.3",
            "--Simpus:SatuSehat:RetryMaxSeconds=1");
        Admin = await Server.AdminAsync();
        Desk = await Server.ClientAsAsync("pendaftaran");
        Clinician = await Server.ClientAsAsync("klinisi", "umum");
        ClinicianUsername = (await Clinician.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("username").GetString()!;
        var nik = PatientBuilder.NikFor(new DateOnly(1988, 3, 14), "L");
        SetUserNik(ClinicianUsername, nik);
        PractitionerId = Double.AddPractitioner(nik, "dr. Budi Santoso");
        // Reading the FHIR specification takes seconds (minutes on a loaded two-core machine): once, before the tests' clocks run.
        await Validation.WarmUpAsync();
    }

    /// <summary>Sets a user's NIK (<c>users.nik</c>, the user-profile field; added here when the profile migration is not in this build yet).</summary>
    public void SetUserNik(string username, string nik)
    {
        using var c = Server.Database.Open();
        if (!c.Query<string>("SELECT name FROM pragma_table_info('users')").Contains("nik"))
        {
            c.Execute("ALTER TABLE users ADD COLUMN nik TEXT");
        }
        c.Execute("UPDATE users SET nik = @nik WHERE username = @username", new { nik, username });
    }

    /// <summary>A patient registered at the desk; known to the double's Master Patient Index unless <paramref name="inMpi"/> is false.</summary>
    public async Task<(string Rm, long Id, string? IhsId)> PatientAsync(bool inMpi = true, string name = "Siti Aminah", string sex = "P", string birth = "1985-04-12")
    {
        var body = PatientBuilder.Valid(name, sex, birth);
        var patient = await Desk.RegisterPatientAsync(body);
        var ihs = inMpi ? Double.AddPatient((string)body["nik"]!, name) : null;
        using var c = Server.Database.Open();
        var id = c.ExecuteScalar<long>("SELECT id FROM patients WHERE rm = @rm", new { rm = patient.Rm() });
        return (patient.Rm(), id, ihs);
    }

    /// <summary>The full examination: vitals, two diagnoses (J06.9 primary, I10), a procedure, two prescriptions.</summary>
    public static object Examination(double temperature = 38.2, string secondDiagnosis = "I10", string procedureCode = "89.7") => new
    {
        complaint = "Batuk pilek 3 hari",
        vitals = new { systolic = 150, diastolic = 95, pulse = 88, respiration = 20, temperature, weight = 61.5, height = 158 },
        diagnoses = new object[] { new { code = "J06.9", primary = true, @case = "baru" }, new { code = secondDiagnosis, @case = "lama" } },
        procedures = new object[] { new { name = "Pemeriksaan fisik umum", code = procedureCode } },
        prescriptions = new object[]
        {
            new { drug = "OB001", dose = "3x1", quantity = 10, days = 3 },
            new { drug = "OB107", dose = "1x1", quantity = 30, days = 30 },
        },
    };

    /// <summary>Registers a visit at poli umum, examines it and finishes it; answers the visit id.</summary>
    public async Task<long> FinishedVisitAsync(string rm, object? examination = null)
    {
        var visit = await Desk.RegisterVisitAsync(rm);
        var response = await Clinician.PutAsJsonAsync($"/api/visits/{visit.Id}/examination?finish=true", examination ?? Examination());
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Examination failed {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        return visit.Id;
    }

    /// <summary>Waits (up to a minute, generous for a loaded CI machine) until the visit's SATUSEHAT state satisfies the condition.</summary>
    public async Task<JsonElement> WaitForAsync(long visitId, Func<JsonElement, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            var response = await Admin.GetAsync($"/api/satusehat/visits/{visitId}");
            if (response.IsSuccessStatusCode)
            {
                last = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (condition(last))
                {
                    return last;
                }
            }
            await Task.Delay(150);
        }
        var status = await Admin.GetStringAsync("/api/satusehat/status");
        throw new TimeoutException($"Visit {visitId} never became {what}; last state: {last}; sender: {status}");
    }

    /// <summary>Waits until every visit is terkirim, then puts the double back to normal (no throttling, no lost answer).</summary>
    public async Task WaitAllSentThenCalmAsync(IEnumerable<long> visitIds)
    {
        try
        {
            foreach (var id in visitIds)
            {
                await WaitSentAsync(id);
            }
        }
        finally
        {
            Double.ThrottleEvery = 0;
            Double.LoseNextAnswer = false;
        }
    }

    public Task<JsonElement> WaitSentAsync(long visitId) =>
        WaitForAsync(visitId, s => s.GetProperty("status").GetString() == "terkirim", "terkirim");

    /// <summary>The Encounters at the double that carry this visit's identifier.</summary>
    public IReadOnlyList<StoredResource> EncountersOf(long visitId) =>
        Double.Resources("Encounter").Where(e => e.Node["identifier"]![0]!["value"]!.GetValue<string>() == visitId.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

    /// <summary>Every resource at the double that refers to the encounter.</summary>
    public IReadOnlyList<StoredResource> PartsOf(string encounterId, string type) =>
        Double.Resources(type).Where(r => SatuSehatDouble.References(r.Node).Any(x => x["reference"]!.GetValue<string>() == "Encounter/" + encounterId)).ToList();

    public FhirValidation Validation => Server.Services.GetRequiredService<FhirValidation>();

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Double.DisposeAsync();
    }
}
