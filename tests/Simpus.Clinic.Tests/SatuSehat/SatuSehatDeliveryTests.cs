using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Hl7.Fhir.Model;
using Simpus.Clinic.Tests.Infrastructure;
using Simpus.SatuSehat.Api;
using Simpus.SatuSehat.Double;
using Task = System.Threading.Tasks.Task;

namespace Simpus.Clinic.Tests.SatuSehat;

/// <summary>
/// End to end: the clinic service, started with only <c>--Simpus:SatuSehat:*</c> keys, sends finished visits to the SATUSEHAT
/// double, which validates every Bundle with the Firely validator and resolves every reference.
/// </summary>
public sealed class SatuSehatDeliveryTests(SatuSehatFixture f) : IClassFixture<SatuSehatFixture>
{
    [Fact]
    public async Task Finished_visit_arrives_as_one_valid_bundle_whose_values_equal_the_record()
    {
        var (rm, _, patientIhs) = await f.PatientAsync();
        var visitId = await f.FinishedVisitAsync(rm);
        var state = await f.WaitSentAsync(visitId);

        var encounters = f.EncountersOf(visitId);
        Assert.Single(encounters);
        var encounterId = encounters[0].Id;
        Assert.Equal(encounterId, state.GetProperty("encounterId").GetString());
        var bundles = f.Double.Accepted.Where(t => t.Json.Contains($"\"value\":\"{visitId}\"", StringComparison.Ordinal)
            && t.Json.Contains("sys-ids.kemkes.go.id/encounter/", StringComparison.Ordinal)).ToList();
        Assert.Single(bundles);
        var bundle = JsonSerializer.Deserialize<Bundle>(bundles[0].Json, SatuSehatClient.FhirJson)!;
        Assert.True(f.Validation.Validate(bundle).IsValid);
        Assert.All(bundle.Entry, e => Assert.StartsWith("urn:uuid:", e.FullUrl));
        var fullUrls = bundle.Entry.Select(e => e.FullUrl).ToHashSet();
        foreach (var reference in bundle.Entry.SelectMany(e => SatuSehatDouble.References(JsonNode.Parse(SatuSehatClient.Serialize(e.Resource!))!)))
        {
            var text = reference["reference"]!.GetValue<string>();
            Assert.True(fullUrls.Contains(text) || f.Double.Find(text.Split('/')[0], text.Split('/')[1]) is not null, $"unresolved reference {text}");
        }

        // The record, read back from the clinic's own API.
        var record = await f.Clinician.GetFromJsonAsync<JsonElement>($"/api/visits/{visitId}/examination");
        var visit = await f.Clinician.GetFromJsonAsync<JsonElement>($"/api/visits/{visitId}");
        string Utc(string field) => DateTimeOffset.Parse(visit.GetProperty(field).GetString()!, CultureInfo.InvariantCulture)
            .ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

        var enc = encounters[0].Node;
        Assert.Equal("finished", enc["status"]!.GetValue<string>());
        Assert.Equal("AMB", enc["class"]!["code"]!.GetValue<string>());
        Assert.Equal("http://sys-ids.kemkes.go.id/encounter/" + SatuSehatDouble.OrganizationId, enc["identifier"]![0]!["system"]!.GetValue<string>());
        Assert.Equal("Patient/" + patientIhs, enc["subject"]!["reference"]!.GetValue<string>());
        Assert.Equal("Practitioner/" + f.PractitionerId, enc["participant"]![0]!["individual"]!["reference"]!.GetValue<string>());
        Assert.Equal("ATND", enc["participant"]![0]!["type"]![0]!["coding"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("Organization/" + SatuSehatDouble.OrganizationId, enc["serviceProvider"]!["reference"]!.GetValue<string>());
        var locationId = enc["location"]![0]!["location"]!["reference"]!.GetValue<string>();
        var location = f.Double.Find("Location", locationId.Split('/')[1])!.Node;
        Assert.Equal("umum", location["identifier"]![0]!["value"]!.GetValue<string>());
        var history = enc["statusHistory"]!.AsArray();
        Assert.Equal(["arrived", "in-progress", "finished"], history.Select(h => h!["status"]!.GetValue<string>()).ToArray());
        Assert.Equal(Utc("arrivedAt"), history[0]!["period"]!["start"]!.GetValue<string>());
        Assert.Equal(Utc("startedAt"), history[0]!["period"]!["end"]!.GetValue<string>());
        Assert.Equal(Utc("startedAt"), history[1]!["period"]!["start"]!.GetValue<string>());
        Assert.Equal(Utc("finishedAt"), history[1]!["period"]!["end"]!.GetValue<string>());
        Assert.Equal(Utc("finishedAt"), history[2]!["period"]!["start"]!.GetValue<string>());

        // Diagnoses: Conditions with ICD-10, primary first with rank 1.
        var conditions = f.PartsOf(encounterId, "Condition");
        Assert.Equal(2, conditions.Count);
        var diagnosis = enc["diagnosis"]!.AsArray();
        Assert.Equal(2, diagnosis.Count);
        var first = f.Double.Find("Condition", diagnosis[0]!["condition"]!["reference"]!.GetValue<string>().Split('/')[1])!.Node;
        Assert.Equal(1, diagnosis[0]!["rank"]!.GetValue<int>());
        Assert.Equal("J06.9", first["code"]!["coding"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("http://hl7.org/fhir/sid/icd-10", first["code"]!["coding"]![0]!["system"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(first["code"]!["coding"]![0]!["display"]?.GetValue<string>()));
        Assert.Equal("encounter-diagnosis", first["category"]![0]!["coding"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("active", first["clinicalStatus"]!["coding"]![0]!["code"]!.GetValue<string>());
        var second = f.Double.Find("Condition", diagnosis[1]!["condition"]!["reference"]!.GetValue<string>().Split('/')[1])!.Node;
        Assert.Equal("I10", second["code"]!["coding"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(2, diagnosis[1]!["rank"]!.GetValue<int>());

        // Vital signs: one Observation each, LOINC + UCUM, values of the record, effective at the examination time.
        var observations = f.PartsOf(encounterId, "Observation").ToDictionary(o => o.Node["code"]!["coding"]![0]!["code"]!.GetValue<string>(), o => o.Node);
        var vitals = record.GetProperty("vitals");
        var expected = new (string Loinc, string Field, string Unit)[]
        {
            ("8480-6", "systolic", "mm[Hg]"), ("8462-4", "diastolic", "mm[Hg]"), ("8867-4", "pulse", "/min"), ("9279-1", "respiration", "/min"),
            ("8310-5", "temperature", "Cel"), ("29463-7", "weight", "kg"), ("8302-2", "height", "cm"),
        };
        Assert.Equal(expected.Length, observations.Count);
        foreach (var (loinc, field, unit) in expected)
        {
            var o = observations[loinc];
            Assert.Equal(vitals.GetProperty(field).GetDecimal(), o["valueQuantity"]!["value"]!.GetValue<decimal>());
            Assert.Equal(unit, o["valueQuantity"]!["code"]!.GetValue<string>());
            Assert.Equal("http://unitsofmeasure.org", o["valueQuantity"]!["system"]!.GetValue<string>());
            Assert.Equal("vital-signs", o["category"]![0]!["coding"]![0]!["code"]!.GetValue<string>());
            Assert.Equal("Patient/" + patientIhs, o["subject"]!["reference"]!.GetValue<string>());
        }
        using (var c = f.Server.Database.Open())
        {
            var examined = DateTimeOffset.Parse(c.ExecuteScalar<string>("SELECT created_at FROM examinations WHERE visit_id = @visitId", new { visitId })!,
                CultureInfo.InvariantCulture).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);
            Assert.All(observations.Values, o => Assert.Equal(examined, o["effectiveDateTime"]!.GetValue<string>()));
        }

        // Procedure with its ICD-9-CM code.
        var procedure = Assert.Single(f.PartsOf(encounterId, "Procedure")).Node;
        Assert.Equal("89.7", procedure["code"]!["coding"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("http://hl7.org/fhir/sid/icd-9-cm", procedure["code"]!["coding"]![0]!["system"]!.GetValue<string>());
        Assert.Equal("Pemeriksaan fisik umum", procedure["code"]!["text"]!.GetValue<string>());

        // Prescriptions: MedicationRequest per line, the drug's KFA code on its Medication, dose as text and quantity.
        var requests = f.PartsOf(encounterId, "MedicationRequest");
        Assert.Equal(2, requests.Count);
        var fe = requests.Select(r => r.Node).Single(r => r["dosageInstruction"]![0]!["text"]!.GetValue<string>().StartsWith("1x1", StringComparison.Ordinal));
        Assert.Equal("1x1 selama 30 hari", fe["dosageInstruction"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(30m, fe["dispenseRequest"]!["quantity"]!["value"]!.GetValue<decimal>());
        Assert.Equal("tablet", fe["dispenseRequest"]!["quantity"]!["unit"]!.GetValue<string>());
        var medication = f.Double.Find("Medication", fe["medicationReference"]!["reference"]!.GetValue<string>().Split('/')[1])!.Node;
        Assert.Equal("http://sys-ids.kemkes.go.id/kfa", medication["code"]!["coding"]![0]!["system"]!.GetValue<string>());
        Assert.Equal("92000653", medication["code"]!["coding"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_correction_updates_the_same_resources_and_never_duplicates()
    {
        var (rm, _, _) = await f.PatientAsync(name: "Rina Wulandari", birth: "1990-02-03");
        var visitId = await f.FinishedVisitAsync(rm);
        await f.WaitSentAsync(visitId);
        var encounterId = Assert.Single(f.EncountersOf(visitId)).Id;
        var temperatureBefore = f.PartsOf(encounterId, "Observation").Single(o => o.Node["code"]!["coding"]![0]!["code"]!.GetValue<string>() == "8310-5");
        var conditionsBefore = f.PartsOf(encounterId, "Condition").Select(c => c.Id).ToHashSet();

        // The clinician corrects the finished visit: another temperature, hypertension replaced by diabetes.
        var response = await f.Clinician.PutAsJsonAsync($"/api/visits/{visitId}/examination", SatuSehatFixture.Examination(temperature: 37.4, secondDiagnosis: "E11.9"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var state = await f.WaitForAsync(visitId, s => s.GetProperty("status").GetString() == "terkirim"
            && f.PartsOf(encounterId, "Condition").Count == 3, "terkirim after the correction");

        Assert.Equal(encounterId, Assert.Single(f.EncountersOf(visitId)).Id);
        Assert.Equal(encounterId, state.GetProperty("encounterId").GetString());
        var encounter = f.Double.Find("Encounter", encounterId)!;
        Assert.Equal(2, encounter.Version);
        var temperature = f.PartsOf(encounterId, "Observation").Single(o => o.Node["code"]!["coding"]![0]!["code"]!.GetValue<string>() == "8310-5");
        Assert.Equal(temperatureBefore.Id, temperature.Id);
        Assert.Equal(37.4m, temperature.Node["valueQuantity"]!["value"]!.GetValue<decimal>());
        Assert.Equal(7, f.PartsOf(encounterId, "Observation").Count);
        var conditions = f.PartsOf(encounterId, "Condition");
        Assert.True(conditionsBefore.IsSubsetOf(conditions.Select(c => c.Id)));
        var removed = conditions.Single(c => c.Node["code"]!["coding"]![0]!["code"]!.GetValue<string>() == "I10").Node;
        Assert.Equal("entered-in-error", removed["verificationStatus"]!["coding"]![0]!["code"]!.GetValue<string>());
        var added = conditions.Single(c => c.Node["code"]!["coding"]![0]!["code"]!.GetValue<string>() == "E11.9");
        Assert.DoesNotContain(added.Id, conditionsBefore);
        var diagnosisRefs = encounter.Node["diagnosis"]!.AsArray().Select(d => d!["condition"]!["reference"]!.GetValue<string>()).ToList();
        Assert.Equal(2, diagnosisRefs.Count);
        Assert.Contains("Condition/" + added.Id, diagnosisRefs);
        Assert.Equal(2, f.PartsOf(encounterId, "MedicationRequest").Count);
        Assert.Single(f.PartsOf(encounterId, "Procedure"));
    }

    [Fact]
    public async Task When_the_platform_is_down_for_a_while_everything_arrives_exactly_once_afterwards()
    {
        var (rm, _, _) = await f.PatientAsync(name: "Dewi Lestari", birth: "1979-07-21");
        f.Double.Down = true;
        var visits = new List<long>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                visits.Add(await f.FinishedVisitAsync(rm, SatuSehatFixture.Examination(temperature: 37 + i / 10.0)));
                await Task.Delay(50);
            }
            foreach (var id in visits)
            {
                var waiting = await f.WaitForAsync(id, s => s.GetProperty("attempts").GetInt32() > 0 || s.GetProperty("message").ValueKind == JsonValueKind.String
                    || s.GetProperty("status").GetString() == "menunggu", "menunggu");
                Assert.Equal("menunggu", waiting.GetProperty("status").GetString());
            }
            await f.WaitForAsync(visits[0], s => s.GetProperty("attempts").GetInt32() >= 2, "retried while down");
            Assert.Empty(visits.SelectMany(f.EncountersOf));
        }
        finally
        {
            // Back, but busy: every other transaction is throttled (429/503), and one answer is lost after committing.
            f.Double.ThrottleEvery = 2;
            f.Double.LoseNextAnswer = true;
            f.Double.Down = false;
        }
        await f.WaitAllSentThenCalmAsync(visits);
        foreach (var id in visits)
        {
            var encounter = Assert.Single(f.EncountersOf(id));
            Assert.Equal(7, f.PartsOf(encounter.Id, "Observation").Count);
            Assert.Equal(2, f.PartsOf(encounter.Id, "Condition").Count);
            Assert.Equal(2, f.PartsOf(encounter.Id, "MedicationRequest").Count);
        }
        // Sent in the order they were finished.
        var sentAt = new List<DateTimeOffset>();
        foreach (var id in visits)
        {
            sentAt.Add((await f.Admin.GetFromJsonAsync<JsonElement>($"/api/satusehat/visits/{id}")).GetProperty("sentAt").GetDateTimeOffset());
        }
        Assert.Equal(sentAt.OrderBy(s => s), sentAt);
    }

    [Fact]
    public async Task A_backlog_drains_in_order_exactly_once_while_the_next_batch_is_prepared_ahead_and_pauses_drop_it()
    {
        var (rm, _, _) = await f.PatientAsync(name: "Rina Wulandari", birth: "1991-03-14");
        var before = f.Double.Accepted.Count;
        var visits = new List<long>();
        f.Double.Down = true;
        try
        {
            for (var i = 0; i < 6; i++)
            {
                visits.Add(await f.FinishedVisitAsync(rm, SatuSehatFixture.Examination(temperature: 36.5 + i / 10.0)));
                await Task.Delay(20);
            }
            await f.WaitForAsync(visits[0], s => s.GetProperty("attempts").GetInt32() >= 1, "tried while down");
        }
        finally
        {
            // Back, but every third transaction is refused as busy: the queue pauses mid-backlog, each time with the next visit
            // already prepared ahead (one visit per batch in this fixture); that look-ahead must be dropped, not sent out of turn.
            f.Double.ThrottleEvery = 3;
            f.Double.Down = false;
        }
        await f.WaitAllSentThenCalmAsync(visits);
        // What the double accepted, in the order it accepted it: these six visits once each, in the order they were finished.
        var arrived = f.Double.Accepted.Skip(before)
            .Select(t => JsonNode.Parse(t.Json)!["entry"]!.AsArray()
                .Select(e => e!["resource"]!)
                .Where(r => (string?)r["resourceType"] == "Encounter")
                .Select(r => long.Parse((string)r["identifier"]![0]!["value"]!, CultureInfo.InvariantCulture))
                .Single())
            .Where(visits.Contains)
            .ToList();
        Assert.Equal(visits, arrived);
        foreach (var id in visits)
        {
            Assert.Single(f.EncountersOf(id));
        }
    }

    [Fact]
    public async Task An_expired_token_is_renewed_once_and_the_visit_is_sent()
    {
        var (rm, _, _) = await f.PatientAsync(name: "Agus Salim", sex: "L", birth: "1970-11-30");
        var first = await f.FinishedVisitAsync(rm);
        await f.WaitSentAsync(first);
        var issued = f.Double.TokensIssued;
        var refused = f.Double.Unauthorized;

        f.Double.ExpireAllTokens();
        var second = await f.FinishedVisitAsync(rm, SatuSehatFixture.Examination(temperature: 36.8));
        await f.WaitSentAsync(second);

        Assert.True(f.Double.Unauthorized > refused, "the stale token was refused with 401");
        Assert.True(f.Double.TokensIssued > issued, "a new token was fetched");
        Assert.Single(f.EncountersOf(second));
    }

    [Fact]
    public async Task A_patient_without_a_resolvable_nik_is_listed_and_nothing_of_theirs_is_sent()
    {
        var (rm, _, _) = await f.PatientAsync(inMpi: false, name: "Tono Hartono", sex: "L", birth: "1966-05-05");
        var visitId = await f.FinishedVisitAsync(rm);
        var state = await f.WaitForAsync(visitId, s => s.GetProperty("status").GetString() == "ditahan", "ditahan");
        Assert.Equal("patient.notFound", state.GetProperty("reason").GetString());
        Assert.Contains(rm, state.GetProperty("message").GetString());

        var unresolved = await f.Desk.GetFromJsonAsync<JsonElement>("/api/satusehat/patients/unresolved");
        Assert.Contains(unresolved.EnumerateArray(), p => p.GetProperty("rm").GetString() == rm && p.GetProperty("status").GetString() == "notFound");
        var attention = await f.Admin.GetFromJsonAsync<JsonElement>("/api/satusehat/visits");
        Assert.Contains(attention.EnumerateArray(), a => a.GetProperty("rm").GetString() == rm && a.GetProperty("state").GetProperty("status").GetString() == "ditahan");
        Assert.Empty(f.EncountersOf(visitId));
        Assert.DoesNotContain(f.Double.Transactions, t => t.Json.Contains($"\"value\":\"{visitId}\"", StringComparison.Ordinal));

        // The patient turns out to be registered after all: resend and it goes.
        using (var c = f.Server.Database.Open())
        {
            var nik = c.ExecuteScalar<string>("SELECT nik FROM patients WHERE rm = @rm", new { rm })!;
            f.Double.AddPatient(nik, "Tono Hartono");
        }
        Assert.Equal(HttpStatusCode.OK, (await f.Admin.PostAsync($"/api/satusehat/visits/{visitId}/resend", null)).StatusCode);
        await f.WaitSentAsync(visitId);
        Assert.Single(f.EncountersOf(visitId));
    }

    [Fact]
    public async Task A_newborn_without_nik_goes_by_the_mothers_nik()
    {
        var mother = PatientBuilderFor("Sri Rahayu", "P", "1995-01-20");
        var motherJson = await f.Desk.RegisterPatientAsync(mother);
        var birth = DateTime.UtcNow.AddHours(7).AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var baby = new Dictionary<string, object?>
        {
            ["name"] = "Bayi Ny. Sri Rahayu", ["sex"] = "L", ["birthDate"] = birth, ["address"] = "Jl. Melati No. 5", ["regionCode"] = "33.73.04.1001",
            ["defaultPayer"] = "umum", ["familyRm"] = motherJson.Rm(), ["relation"] = "anak", ["checkDuplicates"] = false,
        };
        var babyJson = await f.Desk.RegisterPatientAsync(baby);
        var visitId = await f.FinishedVisitAsync(babyJson.Rm(), new
        {
            vitals = new { weight = 3.4, temperature = 36.9 },
            diagnoses = new object[] { new { code = "Z00.1", primary = true } },
        });
        var state = await f.WaitSentAsync(visitId);
        var encounter = Assert.Single(f.EncountersOf(visitId)).Node;
        var patientId = encounter["subject"]!["reference"]!.GetValue<string>().Split('/')[1];
        var patient = f.Double.Find("Patient", patientId)!.Node;
        Assert.Equal("https://fhir.kemkes.go.id/id/nik-ibu", patient["identifier"]![0]!["system"]!.GetValue<string>());
        Assert.Equal((string)mother["nik"]!, patient["identifier"]![0]!["value"]!.GetValue<string>());
        Assert.Equal(birth, patient["birthDate"]!.GetValue<string>());
        Assert.Equal("terkirim", state.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Data_the_validator_refuses_is_held_with_the_reason_and_not_sent()
    {
        var (rm, _, _) = await f.PatientAsync(name: "Lina Marlina", birth: "1992-09-09");
        // A procedure code with two spaces inside passes the form but is not a valid FHIR code.
        var visitId = await f.FinishedVisitAsync(rm, SatuSehatFixture.Examination(procedureCode: "89  7"));
        var state = await f.WaitForAsync(visitId, s => s.GetProperty("status").GetString() == "ditahan", "ditahan");
        Assert.Equal("fhir.invalid", state.GetProperty("reason").GetString());
        Assert.Contains("Procedure", state.GetProperty("message").GetString());
        Assert.Empty(f.EncountersOf(visitId));
    }

    private static Dictionary<string, object?> PatientBuilderFor(string name, string sex, string birth) =>
        Infrastructure.PatientBuilder.Valid(name, sex, birth);
}
