using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Simpus.Clinic.Tests.Infrastructure;

namespace Simpus.Clinic.Tests.Examinations;

public sealed class ExaminationsApiTests : IAsyncLifetime
{
    private ClinicServer _server = null!;
    private HttpClient _desk = null!;
    private HttpClient _doctor = null!;

    public async Task InitializeAsync()
    {
        _server = await ClinicServer.StartAsync();
        _desk = await _server.ClientAsAsync("pendaftaran");
        _doctor = await _server.ClientAsAsync("klinisi", "umum");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<(long VisitId, string Rm)> VisitAsync(string poli = "umum", string? rm = null, string? arrivedAt = null, string sex = "P", string birthDate = "1980-05-05")
    {
        rm ??= (await _desk.RegisterPatientAsync(PatientBuilder.Valid("Pasien Uji", sex, birthDate))).Rm();
        var visit = await _desk.RegisterVisitAsync(rm, poli, arrivedAt: arrivedAt);
        return (visit.Id, rm);
    }

    private static object Exam(string code = "J06.9", double temperature = 37.8) => new
    {
        complaint = "Batuk pilek 3 hari",
        history = "Tidak ada alergi obat",
        vitals = new { systolic = 120, diastolic = 80, pulse = 88, respiration = 20, temperature, weight = 60.5, height = 160 },
        physicalExam = "Faring hiperemis",
        diagnoses = new object[] { new { code, primary = true }, new { code = "I10", primary = false, @case = "lama" } },
        procedures = new[] { new { name = "Nebulisasi", code = "93.94" } },
        prescriptions = new[] { new { drug = "OB001", dose = "3x1", quantity = 10, days = 3 }, new { drug = "OB054", dose = "3x1", quantity = 10, days = 3 } },
        referral = (object?)null,
        outcome = "pulang",
    };

    private async Task<long> CountAsync(string sql, object? args = null)
    {
        using var c = _server.Database.Open();
        return await c.ExecuteScalarAsync<long>(sql, args);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static string[] Fields(JsonElement problem) => problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public async Task Icd10_search_answers_code_and_name_best_first_by_code_or_by_Indonesian_or_English_words()
    {
        var byCode = await _doctor.GetFromJsonAsync<JsonElement>("/api/icd10?q=j06");
        var byWords = await _doctor.GetFromJsonAsync<JsonElement>("/api/icd10?q=darah%20tinggi");
        var byEnglish = await _doctor.GetFromJsonAsync<JsonElement>("/api/icd10?q=hypertension");
        var byPrefix = await _doctor.GetFromJsonAsync<JsonElement>("/api/icd10?q=diabet%20tipe%202");

        Assert.Equal("J06.9", byCode[0].GetProperty("code").GetString());
        Assert.Equal(["code", "name"], byCode[0].EnumerateObject().Select(p => p.Name));
        Assert.Contains(byWords.EnumerateArray(), m => m.GetProperty("code").GetString() == "I10");
        Assert.Equal("I10", byEnglish[0].GetProperty("code").GetString());
        Assert.Equal("E11.9", byPrefix[0].GetProperty("code").GetString());
        Assert.True(byEnglish.GetArrayLength() <= 20);
    }

    [Fact]
    public async Task Catalogue_ships_at_least_a_thousand_codes_and_the_lb1_staples()
    {
        var count = await CountAsync("SELECT COUNT(*) FROM icd10");
        var common = await CountAsync("SELECT COUNT(*) FROM icd10 WHERE common = 1");
        var staples = new[] { "A09", "A15.0", "A91", "B54", "A01.0", "J06.9", "J18.9", "J45.9", "I10", "E11.9", "L30.9", "K30", "K29.7", "M79.1", "K02.9", "Z34.9", "Z30.4" };

        Assert.True(count >= 1000, $"only {count} codes");
        Assert.InRange(common, 120, 200);
        foreach (var code in staples)
        {
            Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM icd10 WHERE code = @code", new { code }));
        }
    }

    [Fact]
    public async Task A_clinician_records_the_examination_and_reads_it_back_and_the_waiting_visit_starts()
    {
        var (visitId, _) = await VisitAsync();

        var put = await _doctor.PutAsJsonAsync($"/api/visits/{visitId}/examination", Exam());
        var got = await _doctor.GetFromJsonAsync<JsonElement>($"/api/visits/{visitId}/examination");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("Batuk pilek 3 hari", got.GetProperty("complaint").GetString());
        Assert.Equal(37.8, got.GetProperty("vitals").GetProperty("temperature").GetDouble());
        Assert.Equal(120, got.GetProperty("vitals").GetProperty("systolic").GetInt32());
        var diagnoses = got.GetProperty("diagnoses").EnumerateArray().ToList();
        Assert.Equal(2, diagnoses.Count);
        Assert.Equal("J06.9", diagnoses[0].GetProperty("code").GetString());
        Assert.True(diagnoses[0].GetProperty("primary").GetBoolean());
        Assert.Equal("baru", diagnoses[0].GetProperty("case").GetString());
        Assert.Equal("lama", diagnoses[1].GetProperty("case").GetString());
        Assert.Equal(["OB001", "OB054"], got.GetProperty("prescriptions").EnumerateArray().Select(p => p.GetProperty("drug").GetString()));
        Assert.Equal(10, got.GetProperty("prescriptions")[0].GetProperty("quantity").GetDouble());
        Assert.Equal("Nebulisasi", got.GetProperty("procedures")[0].GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, got.GetProperty("referral").ValueKind);
        Assert.Equal("in-progress", got.GetProperty("visitStatus").GetString());
    }

    [Fact]
    public async Task Saving_again_replaces_the_record_and_voids_what_was_left_out_instead_of_deleting_it()
    {
        var (visitId, _) = await VisitAsync();
        await _doctor.PutAsJsonAsync($"/api/visits/{visitId}/examination", Exam());

        var again = await _doctor.PutAsJsonAsync($"/api/visits/{visitId}/examination", new
        {
            complaint = "Batuk",
            diagnoses = new[] { new { code = "J06.9", primary = true } },
            prescriptions = new[] { new { drug = "OB001", dose = "3x1", quantity = 10, days = 3 } },
            referral = new { destination = "RSUD Kota", reason = "Sesak memberat" },
        });
        var got = await again.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(got.GetProperty("diagnoses").EnumerateArray());
        Assert.Single(got.GetProperty("prescriptions").EnumerateArray());
        Assert.Equal("RSUD Kota", got.GetProperty("referral").GetProperty("destination").GetString());
        Assert.Equal("rujuk", got.GetProperty("outcome").GetString());
        Assert.Equal(2, await CountAsync("SELECT COUNT(*) FROM diagnoses WHERE visit_id = @visitId", new { visitId }));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM diagnoses WHERE visit_id = @visitId AND voided_at IS NOT NULL AND code = 'I10'", new { visitId }));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM prescriptions WHERE visit_id = @visitId AND voided_at IS NOT NULL", new { visitId }));
    }

    [Fact]
    public async Task An_unknown_icd10_code_is_400_naming_the_diagnosis_and_nothing_is_stored()
    {
        var (visitId, _) = await VisitAsync();

        var response = await _doctor.PutAsJsonAsync($"/api/visits/{visitId}/examination", new
        {
            complaint = "Demam",
            diagnoses = new[] { new { code = "X99.9", primary = true } },
        });
        var problem = await ProblemAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("diagnoses[0].code", Fields(problem));
        Assert.Equal("icd10.unknown", problem.GetProperty("codes").GetProperty("diagnoses[0].code")[0].GetString());
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM examinations WHERE visit_id = @visitId", new { visitId }));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM diagnoses WHERE visit_id = @visitId", new { visitId }));
        Assert.Equal("arrived", (await _doctor.GetFromJsonAsync<JsonElement>($"/api/visits/{visitId}")).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("temperature", 80)]
    [InlineData("systolic", 400)]
    [InlineData("pulse", 5)]
    [InlineData("weight", -3)]
    [InlineData("height", 400)]
    [InlineData("respiration", 200)]
    public async Task An_implausible_vital_sign_is_400_naming_it_and_nothing_is_stored(string field, double value)
    {
        var (visitId, _) = await VisitAsync();
        var vitals = new Dictionary<string, object> { ["systolic"] = 120, ["diastolic"] = 80, [field] = value };

        var response = await _doctor.PutAsJsonAsync($"/api/visits/{visitId}/examination", new
        {
            complaint = "Demam",
            vitals,
            diagnoses = new[] { new { code = "R50.9", primary = true } },
        });
        var problem = await ProblemAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"vitals.{field}", Fields(problem));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM examinations WHERE visit_id = @visitId", new { visitId }));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM diagnoses WHERE visit_id = @visitId", new { visitId }));
    }

    [Fact]
    public async Task Other_bad_inputs_are_named_field_by_field()
    {
        var (visitId, _) = await VisitAsync();

        var response = await _doctor.PutAsJsonAsync($"/api/visits/{visitId}/examination", new
        {
            vitals = new { systolic = 80, diastolic = 120 },
            diagnoses = new object[] { new { code = "J06.9", primary = true }, new { code = "I10", primary = true, @case = "kronis" } },
            prescriptions = new object[] { new { drug = "TIDAKADA", dose = "3x1", quantity = 10 }, new { drug = "OB001", dose = "", quantity = 0, days = 900 } },
            referral = new { destination = "RSUD", reason = "" },
            outcome = "sembuh",
        });
        var fields = Fields(await ProblemAsync(response));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("vitals.diastolic", fields);
        Assert.Contains("diagnoses[1].case", fields);
        Assert.Contains("prescriptions[0].drug", fields);
        Assert.Contains("prescriptions[1].dose", fields);
        Assert.Contains("prescriptions[1].quantity", fields);
        Assert.Contains("prescriptions[1].days", fields);
        Assert.Contains("referral.reason", fields);
        Assert.Contains("outcome", fields);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM prescriptions WHERE visit_id = @visitId", new { visitId }));
    }

    [Fact]
    public async Task Two_primary_diagnoses_are_refused()
    {
        var (visitId, _) = await VisitAsync();

        var response = await _doctor.PutAsJsonAsync($"/api/visits/{visitId}/examination", new
        {
            diagnoses = new[] { new { code = "J06.9", primary = true }, new { code = "I10", primary = true } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("diagnoses", Fields(await ProblemAsync(response)));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM diagnoses WHERE visit_id = @visitId", new { visitId }));
    }

    [Fact]
    public async Task A_diagnosis_on_a_cancelled_visit_is_refused_and_nothing_is_stored()
    {
        var (visitId, _) = await VisitAsync();
        (await _desk.PostAsJsonAsync($"/api/visits/{visitId}/status", new { status = "cancelled", reason = "Pulang sebelum dipanggil" })).EnsureSuccessStatusCode();

        var response = await _doctor.PutAsJsonAsync($"/api/visits/{visitId}/examination", Exam());
        var problem = await ProblemAsync(response);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("dibatalkan", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM diagnoses WHERE visit_id = @visitId", new { visitId }));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM examinations WHERE visit_id = @visitId", new { visitId }));
    }

    [Fact]
    public async Task A_clinician_writing_into_another_polis_visit_gets_403_and_nothing_is_stored()
    {
        var (visitId, _) = await VisitAsync("gigi");

        var response = await _doctor.PutAsJsonAsync($"/api/visits/{visitId}/examination", Exam());
        var registrationDesk = await _desk.PutAsJsonAsync($"/api/visits/{visitId}/examination", Exam());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, registrationDesk.StatusCode);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM examinations WHERE visit_id = @visitId", new { visitId }));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM diagnoses WHERE visit_id = @visitId", new { visitId }));
        Assert.Equal("arrived", (await _doctor.GetFromJsonAsync<JsonElement>($"/api/visits/{visitId}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Case_is_suggested_lama_when_the_same_category_was_diagnosed_earlier_this_year_else_baru_and_can_be_overridden()
    {
        var now = DateTimeOffset.UtcNow;
        var (first, rm) = await VisitAsync(arrivedAt: now.AddHours(-3).ToString("O"));
        await _doctor.PutAsJsonAsync($"/api/visits/{first}/examination?finish=true", new { diagnoses = new[] { new { code = "J06.9" } } });
        var lastYear = await VisitAsync(rm: rm, arrivedAt: $"{now.Year - 1}-12-30T09:00:00+07:00");
        await _doctor.PutAsJsonAsync($"/api/visits/{lastYear.VisitId}/examination?finish=true", new { diagnoses = new[] { new { code = "E11.9" } } });
        var (second, _) = await VisitAsync(rm: rm);

        var sameCategory = await _doctor.GetFromJsonAsync<JsonElement>($"/api/visits/{second}/diagnoses/suggest?code=J06.0");
        var otherCategory = await _doctor.GetFromJsonAsync<JsonElement>($"/api/visits/{second}/diagnoses/suggest?code=I10");
        var onlyLastYear = await _doctor.GetFromJsonAsync<JsonElement>($"/api/visits/{second}/diagnoses/suggest?code=E11.9");
        var unknown = await _doctor.GetAsync($"/api/visits/{second}/diagnoses/suggest?code=Q99.8");
        var saved = await (await _doctor.PutAsJsonAsync($"/api/visits/{second}/examination", new
        {
            diagnoses = new object[] { new { code = "J06.0", primary = true }, new { code = "I10" }, new { code = "M79.1", @case = "kkl" } },
        })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("lama", sameCategory.GetProperty("case").GetString());
        Assert.Equal("J06.9", sameCategory.GetProperty("previousCode").GetString());
        Assert.Equal("baru", otherCategory.GetProperty("case").GetString());
        Assert.Equal("baru", onlyLastYear.GetProperty("case").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var cases = saved.GetProperty("diagnoses").EnumerateArray().ToDictionary(d => d.GetProperty("code").GetString()!, d => d.GetProperty("case").GetString());
        Assert.Equal("lama", cases["J06.0"]);
        Assert.Equal("baru", cases["I10"]);
        Assert.Equal("kkl", cases["M79.1"]);
    }

    [Fact]
    public async Task Finishing_needs_a_diagnosis_then_sets_the_visit_finished()
    {
        var (visitId, _) = await VisitAsync();

        var empty = await _doctor.PutAsJsonAsync($"/api/visits/{visitId}/examination?finish=true", new { complaint = "Pusing" });
        var ok = await _doctor.PutAsJsonAsync($"/api/visits/{visitId}/examination?finish=true", Exam());
        var visit = await _doctor.GetFromJsonAsync<JsonElement>($"/api/visits/{visitId}");

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("finished", visit.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, visit.GetProperty("finishedAt").ValueKind);
    }

    [Fact]
    public async Task After_the_visit_is_finished_only_its_clinician_and_the_head_correct_it_and_each_change_is_audited()
    {
        var (visitId, _) = await VisitAsync();
        await _doctor.PutAsJsonAsync($"/api/visits/{visitId}/examination?finish=true", Exam());
        var colleague = await _server.ClientAsAsync("klinisi", "umum");
        var head = await _server.ClientAsAsync("kepala");
        var admin = await _server.AdminAsync();

        var byColleague = await colleague.PutAsJsonAsync($"/api/visits/{visitId}/examination", Exam("J00"));
        var byAdmin = await admin.PutAsJsonAsync($"/api/visits/{visitId}/examination", Exam("J00"));
        var byHead = await head.PutAsJsonAsync($"/api/visits/{visitId}/examination", Exam("J00", temperature: 38.2));
        var byOwnClinician = await _doctor.PutAsJsonAsync($"/api/visits/{visitId}/examination", Exam("J00", temperature: 38.4));
        var audit = await _doctor.GetFromJsonAsync<JsonElement>($"/api/visits/{visitId}/clinical-audit");

        Assert.Equal(HttpStatusCode.Forbidden, byColleague.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byHead.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byOwnClinician.StatusCode);
        var entries = audit.EnumerateArray().ToList();
        var temperature = entries.Where(e => e.GetProperty("field").GetString() == "vitals.temperature").ToList();
        Assert.Equal(2, temperature.Count);
        Assert.Equal("37.8", temperature[0].GetProperty("oldValue").GetString());
        Assert.Equal("38.2", temperature[0].GetProperty("newValue").GetString());
        Assert.StartsWith("kepala", temperature[0].GetProperty("changedBy").GetString());
        Assert.Contains(entries, e => e.GetProperty("entity").GetString() == "diagnosis" && e.GetProperty("field").GetString() == "voided"
            && e.GetProperty("oldValue").GetString() == "J06.9");
        Assert.Contains(entries, e => e.GetProperty("entity").GetString() == "diagnosis" && e.GetProperty("field").GetString() == "added"
            && e.GetProperty("newValue").GetString()!.StartsWith("J00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_mistaken_diagnosis_or_prescription_is_voided_with_a_reason_and_kept()
    {
        var (visitId, rm) = await VisitAsync();
        var saved = await (await _doctor.PutAsJsonAsync($"/api/visits/{visitId}/examination", Exam())).Content.ReadFromJsonAsync<JsonElement>();
        var diagnosisId = saved.GetProperty("diagnoses")[1].GetProperty("id").GetInt64();
        var prescriptionId = saved.GetProperty("prescriptions")[1].GetProperty("id").GetInt64();

        var noReason = await _doctor.PostAsJsonAsync($"/api/visits/{visitId}/diagnoses/{diagnosisId}/void", new { reason = "" });
        var voided = await _doctor.PostAsJsonAsync($"/api/visits/{visitId}/diagnoses/{diagnosisId}/void", new { reason = "Salah pilih pasien" });
        var twice = await _doctor.PostAsJsonAsync($"/api/visits/{visitId}/diagnoses/{diagnosisId}/void", new { reason = "Salah pilih pasien" });
        var rxVoided = await _doctor.PostAsJsonAsync($"/api/visits/{visitId}/prescriptions/{prescriptionId}/void", new { reason = "Pasien alergi CTM" });
        var record = await _doctor.GetFromJsonAsync<JsonElement>($"/api/visits/{visitId}/examination");
        var history = await _doctor.GetFromJsonAsync<JsonElement>($"/api/patients/{rm}/history-clinical");

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.OK, voided.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rxVoided.StatusCode);
        Assert.Single(record.GetProperty("diagnoses").EnumerateArray());
        Assert.Single(record.GetProperty("prescriptions").EnumerateArray());
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM diagnoses WHERE id = @diagnosisId AND void_reason = 'Salah pilih pasien' AND voided_by IS NOT NULL", new { diagnosisId }));
        var visitDiagnoses = history.GetProperty("visits")[0].GetProperty("diagnoses").EnumerateArray().ToList();
        Assert.Contains(visitDiagnoses, d => d.GetProperty("voidReason").GetString() == "Salah pilih pasien");
    }

    [Fact]
    public async Task The_worklist_shows_todays_visits_of_my_poli_in_queue_order_with_waiting_time()
    {
        // 25 minutes ago, but never before the puskesmas' midnight (WIB): the worklist is today's.
        var sinceMidnight = (int)DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).TimeOfDay.TotalMinutes;
        var minutesAgo = Math.Clamp(sinceMidnight - 1, 0, 25);
        var a = await VisitAsync("umum", arrivedAt: DateTimeOffset.UtcNow.AddMinutes(-minutesAgo).ToString("O"));
        var b = await VisitAsync("umum");
        await VisitAsync("gigi");

        var list = await _doctor.GetFromJsonAsync<JsonElement>("/api/poli/worklist");

        var entries = list.EnumerateArray().ToList();
        Assert.Equal([a.VisitId, b.VisitId], entries.Select(e => e.GetProperty("visitId").GetInt64()));
        Assert.Equal([1, 2], entries.Select(e => e.GetProperty("queueNumber").GetInt32()));
        Assert.InRange(entries[0].GetProperty("waitingMinutes").GetInt32(), Math.Max(0, minutesAgo - 1), minutesAgo + 2);
    }

    [Fact]
    public async Task Patient_history_lists_every_visit_newest_first_with_diagnoses_procedures_prescriptions_and_referrals()
    {
        var (older, rm) = await VisitAsync(arrivedAt: DateTimeOffset.UtcNow.AddDays(-20).ToString("O"));
        await _doctor.PutAsJsonAsync($"/api/visits/{older}/examination?finish=true", new
        {
            diagnoses = new[] { new { code = "I10" } },
            prescriptions = new[] { new { drug = "OB087", dose = "1x1", quantity = 30, days = 30 } },
        });
        var (newer, _) = await VisitAsync(rm: rm);
        await _doctor.PutAsJsonAsync($"/api/visits/{newer}/examination", new
        {
            diagnoses = new[] { new { code = "I10" } },
            procedures = new[] { new { name = "EKG" } },
            referral = new { destination = "RSUD Kota", reason = "Krisis hipertensi" },
        });

        var history = await _doctor.GetFromJsonAsync<JsonElement>($"/api/patients/{rm}/history-clinical");

        var visits = history.GetProperty("visits").EnumerateArray().ToList();
        Assert.Equal([newer, older], visits.Select(v => v.GetProperty("visitId").GetInt64()));
        Assert.Equal("lama", visits[0].GetProperty("diagnoses")[0].GetProperty("case").GetString());
        Assert.Equal("RSUD Kota", visits[0].GetProperty("referrals")[0].GetProperty("destination").GetString());
        Assert.Equal("EKG", visits[0].GetProperty("procedures")[0].GetProperty("name").GetString());
        Assert.Equal("OB087", visits[1].GetProperty("prescriptions")[0].GetProperty("drug").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _doctor.GetAsync("/api/patients/KK-999999-01/history-clinical")).StatusCode);
    }

    [Fact]
    public async Task The_admin_edits_the_drug_catalogue_and_a_deactivated_drug_cannot_be_prescribed()
    {
        var admin = await _server.AdminAsync();

        var created = await admin.PostAsJsonAsync("/api/drugs", new { code = "XT01", name = "Salep uji 1%", unit = "tube", form = "salep" });
        var duplicate = await admin.PostAsJsonAsync("/api/drugs", new { code = "XT01", name = "Lagi", unit = "tube" });
        var invalid = await admin.PostAsJsonAsync("/api/drugs", new { code = "XT02", name = "", unit = "" });
        var byClinician = await _doctor.PostAsJsonAsync("/api/drugs", new { code = "XT03", name = "Obat", unit = "tablet" });
        var updated = await admin.PutAsJsonAsync("/api/drugs/XT01", new { name = "Salep uji 2%", unit = "tube", form = "salep" });
        var found = await _doctor.GetFromJsonAsync<JsonElement>("/api/drugs?q=salep%20uji");
        await admin.DeleteAsync("/api/drugs/XT01");
        var (visitId, _) = await VisitAsync();
        var prescribe = await _doctor.PutAsJsonAsync($"/api/visits/{visitId}/examination", new
        {
            diagnoses = new[] { new { code = "L30.9" } },
            prescriptions = new[] { new { drug = "XT01", dose = "oles 2x", quantity = 1 } },
        });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(["name", "unit"], Fields(await ProblemAsync(invalid)).Order());
        Assert.Equal(HttpStatusCode.Forbidden, byClinician.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("Salep uji 2%", found[0].GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, prescribe.StatusCode);
        Assert.Contains("prescriptions[0].drug", Fields(await ProblemAsync(prescribe)));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM drugs WHERE code = 'XT01' AND active = 0"));
        Assert.True(await CountAsync("SELECT COUNT(*) FROM drugs") >= 120);
    }

    [Fact]
    public async Task The_admin_imports_a_full_icd10_list_from_csv()
    {
        var admin = await _server.AdminAsync();
        var csv = "code,name_id,name_en,common\nA00.0,Kolera klasik (diperbarui),Cholera classical,0\nU07.2,COVID-19 virus tidak teridentifikasi,COVID-19 virus not identified,1\nbukan-kode,xx,,0\n";

        var response = await admin.PostAsync("/api/icd10/import", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        var byClinician = await _doctor.PostAsync("/api/icd10/import", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));
        var search = await _doctor.GetFromJsonAsync<JsonElement>("/api/icd10?q=covid");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, result.GetProperty("added").GetInt32());
        Assert.Equal(1, result.GetProperty("updated").GetInt32());
        Assert.Equal(1, result.GetProperty("rejected").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, byClinician.StatusCode);
        Assert.Equal("U07.2", search[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_import_command_adds_codes_to_the_database_of_a_data_folder()
    {
        var folder = TestFolders.New("icd-import");
        var file = Path.Combine(folder, "icd.csv");
        await File.WriteAllTextAsync(file, "code,name_id,name_en,common\nU07.2,COVID-19 virus tidak teridentifikasi,COVID-19,1\n");
        var output = new StringWriter();

        var exit = Simpus.Clinic.Examinations.Icd10Command.Run(
            ["import-icd10", file, $"--Simpus:DataDir={folder}", "--Simpus:AdminPassword=admin-test-123", "--Logging:LogLevel:Default=Warning"], output);

        Assert.Equal(0, exit);
        Assert.Contains("1 kode ditambahkan", output.ToString());
        var db = new Simpus.Core.Data.Database(Path.Combine(folder, "simpus.db"));
        using var c = db.Open();
        Assert.Equal(1, c.ExecuteScalar<long>("SELECT COUNT(*) FROM icd10 WHERE code = 'U07.2'"));
        Assert.True(c.ExecuteScalar<long>("SELECT COUNT(*) FROM icd10") > 1000);
    }

    [Fact]
    public async Task Every_clinical_endpoint_is_in_the_openapi_document()
    {
        var doc = await _doctor.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        foreach (var path in new[]
        {
            "/api/icd10", "/api/icd10/import", "/api/drugs", "/api/drugs/{code}", "/api/poli/worklist", "/api/visits/{id}/examination",
            "/api/visits/{id}/diagnoses/suggest", "/api/visits/{id}/diagnoses/{diagnosisId}/void", "/api/visits/{id}/prescriptions/{prescriptionId}/void",
            "/api/visits/{id}/kia", "/api/visits/{id}/clinical-audit", "/api/patients/{rm}/history-clinical",
        })
        {
            Assert.Contains(path, paths);
        }
    }
}
