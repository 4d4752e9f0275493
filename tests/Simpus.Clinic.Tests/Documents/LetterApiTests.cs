using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Simpus.Clinic.Tests.Infrastructure;

namespace Simpus.Clinic.Tests.Documents;

/// <summary>
/// The letter, print-log and letterhead endpoints refusing bad input over the real API: 400 naming the field with its code,
/// 409 where the visit cannot carry the letter, 404 for what does not exist; and every time nothing is stored (no letter,
/// no number used up, no print logged, settings unchanged). One server for the class, a visit of its own per test.
/// </summary>
public sealed class LetterApiTests : IAsyncLifetime
{
    private ClinicServer _server = null!;
    private HttpClient _admin = null!;
    private HttpClient _desk = null!;
    private HttpClient _doctor = null!;

    public async Task InitializeAsync()
    {
        _server = await ClinicServer.StartAsync();
        _admin = await _server.AdminAsync();
        _desk = await _server.ClientAsAsync("pendaftaran");
        _doctor = await _server.ClientAsAsync("klinisi", "umum");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string, string> BadLetters() => new()
    {
        { """{}""", "kind", "kind.invalid" },
        { """{"kind":"surat"}""", "kind", "kind.invalid" },
        { """{"kind":"sakit"}""", "restDays", "restDays.range" },
        { """{"kind":"sakit","restDays":0}""", "restDays", "restDays.range" },
        { """{"kind":"sakit","restDays":31}""", "restDays", "restDays.range" },
        { """{"kind":"sakit","restDays":"dua"}""", "restDays", "body.invalid" },
        { """{"kind":"sakit","restDays":2,"restFrom":"01-12-2026"}""", "restFrom", "restFrom.format" },
        { """{"kind":"sakit","restDays":2,"restFrom":"2000-01-01"}""", "restFrom", "restFrom.range" },
        { """{"kind":"sehat"}""", "purpose", "purpose.required" },
        { """{"kind":"sehat","purpose":"ab"}""", "purpose", "purpose.required" },
        { """{"kind":"sehat","purpose":"melamar\u0007kerja"}""", "purpose", "text.invalid" },
        { $$"""{"kind":"sehat","purpose":"{{new string('x', 201)}}"}""", "purpose", "purpose.required" },
        { $$"""{"kind":"sehat","purpose":"melamar kerja","conclusion":"{{new string('x', 201)}}"}""", "conclusion", "text.invalid" },
    };

    [Theory]
    [MemberData(nameof(BadLetters))]
    public async Task Bad_letter_input_is_400_naming_the_field_and_stores_nothing_nor_uses_up_a_number(string body, string field, string code)
    {
        var visitId = await ExaminedVisitAsync(withReferral: true);

        foreach (var path in new[] { $"/api/visits/{visitId}/letters/draft", $"/api/visits/{visitId}/letters" })
        {
            var response = await _doctor.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
            if (path.EndsWith("/draft", StringComparison.Ordinal) && body == """{"kind":"sehat"}""")
            {
                // A preview may still lack the purpose: it shows dots to fill in; only issuing the letter needs it.
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.StartsWith("...", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("purpose").GetString());
                continue;
            }
            await AssertFieldAsync(response, field, code);
        }

        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM letters WHERE visit_id = @visitId", new { visitId }));
        Assert.Empty((await _doctor.GetFromJsonAsync<JsonElement>($"/api/visits/{visitId}/letters")).EnumerateArray());
        await AssertNextNumberIsStillFreeAsync(visitId);
    }

    [Fact]
    public async Task A_referral_letter_without_a_referral_on_the_examination_is_409_and_stores_nothing()
    {
        var visitId = await ExaminedVisitAsync(withReferral: false);

        var response = await _doctor.PostAsJsonAsync($"/api/visits/{visitId}/letters", new { kind = "rujukan" });

        await AssertCodeAsync(response, HttpStatusCode.Conflict, "letter.noReferral");
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM letters WHERE visit_id = @visitId", new { visitId }));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM letter_sequences WHERE kind = 'rujukan'"));
    }

    [Fact]
    public async Task A_visit_not_examined_yet_or_cancelled_is_409_and_an_unknown_visit_404()
    {
        var rm = (await _desk.RegisterPatientAsync(PatientBuilder.Valid("Sumarni", "P", "1970-03-03"))).Rm();
        var waiting = await _desk.RegisterVisitAsync(rm, "umum");
        await AssertCodeAsync(await _doctor.PostAsJsonAsync($"/api/visits/{waiting.Id}/letters", new { kind = "sakit", restDays = 2 }),
            HttpStatusCode.Conflict, "letter.notExamined");

        var cancelled = await _desk.RegisterVisitAsync(rm, "gigi");
        (await _desk.PostAsJsonAsync($"/api/visits/{cancelled.Id}/status", new { status = "cancelled", reason = "Pasien pulang" })).EnsureSuccessStatusCode();
        await AssertCodeAsync(await _doctor.PostAsJsonAsync($"/api/visits/{cancelled.Id}/letters/draft", new { kind = "sakit", restDays = 2 }),
            HttpStatusCode.Conflict, "visit.cancelled");

        await AssertCodeAsync(await _doctor.PostAsJsonAsync("/api/visits/987654/letters", new { kind = "sakit", restDays = 2 }),
            HttpStatusCode.NotFound, "visit.notFound");
        await AssertCodeAsync(await _doctor.GetAsync("/api/letters/987654"), HttpStatusCode.NotFound, "letter.notFound");
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM letters WHERE visit_id IN (@a, @b)", new { a = waiting.Id, b = cancelled.Id }));
    }

    [Fact]
    public async Task The_desk_cannot_issue_letters()
    {
        var visitId = await ExaminedVisitAsync(withReferral: true);
        var response = await _desk.PostAsJsonAsync($"/api/visits/{visitId}/letters", new { kind = "sakit", restDays = 2 });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM letters WHERE visit_id = @visitId", new { visitId }));
    }

    public static TheoryData<string, string, string> BadPrints() => new()
    {
        { """{}""", "document", "document.invalid" },
        { """{"document":"ktp"}""", "document", "document.invalid" },
        { """{"document":"kartu"}""", "rm", "rm.required" },
        { """{"document":"resep"}""", "visitId", "visitId.required" },
        { """{"document":"resep","visitId":"satu"}""", "visitId", "body.invalid" },
        { """{"document":"sakit"}""", "letterId", "letterId.required" },
    };

    [Theory]
    [MemberData(nameof(BadPrints))]
    public async Task Bad_print_log_input_is_400_naming_the_field_and_logs_nothing(string body, string field, string code)
    {
        var before = await CountAsync("SELECT COUNT(*) FROM print_log");
        var response = await _doctor.PostAsync("/api/documents/prints", new StringContent(body, Encoding.UTF8, "application/json"));
        await AssertFieldAsync(response, field, code);
        Assert.Equal(before, await CountAsync("SELECT COUNT(*) FROM print_log"));
    }

    [Fact]
    public async Task A_print_of_a_letter_under_another_kind_is_400_and_of_what_does_not_exist_404_and_nothing_is_logged()
    {
        var visitId = await ExaminedVisitAsync(withReferral: true);
        var letter = await (await _doctor.PostAsJsonAsync($"/api/visits/{visitId}/letters", new { kind = "sakit", restDays = 2 })).JsonAsync();
        var letterId = letter.GetProperty("id").GetInt64();
        var before = await CountAsync("SELECT COUNT(*) FROM print_log");

        await AssertFieldAsync(await _doctor.PostAsJsonAsync("/api/documents/prints", new { document = "sehat", letterId }), "letterId", "letterId.kind");
        await AssertCodeAsync(await _doctor.PostAsJsonAsync("/api/documents/prints", new { document = "sakit", letterId = 987654 }), HttpStatusCode.NotFound, "letter.notFound");
        await AssertCodeAsync(await _doctor.PostAsJsonAsync("/api/documents/prints", new { document = "kartu", rm = "KK-999999-01" }), HttpStatusCode.NotFound, "patient.notFound");
        await AssertCodeAsync(await _doctor.PostAsJsonAsync("/api/documents/prints", new { document = "resep", visitId = 987654 }), HttpStatusCode.NotFound, "visit.notFound");
        Assert.Equal(before, await CountAsync("SELECT COUNT(*) FROM print_log"));

        // The right kind is logged, once.
        (await _doctor.PostAsJsonAsync("/api/documents/prints", new { document = "sakit", letterId })).EnsureSuccessStatusCode();
        Assert.Equal(before + 1, await CountAsync("SELECT COUNT(*) FROM print_log"));
    }

    public static TheoryData<string, string, string> BadLetterheads() => new()
    {
        { """{"email":"bukan email"}""", "email", "email.invalid" },
        { """{"phone":"0298\n321456"}""", "phone", "text.invalid" },
        { $$"""{"address":"{{new string('x', 201)}}"}""", "address", "address.invalid" },
        { """{"logo":"data:image/gif;base64,R0lGODlh"}""", "logo", "logo.format" },
        { """{"logo":"data:image/png;base64,@@@"}""", "logo", "logo.format" },
        { """{"numberFormats":{"sakit":"445/PKM/{year}"}}""", "numberFormats.sakit", "numberFormat.invalid" },
        { """{"numberFormats":{"sakit":"445/{seq}/{tahun}"}}""", "numberFormats.sakit", "numberFormat.invalid" },
        { """{"numberFormats":{"surat":"445/{seq}"}}""", "numberFormats", "numberFormats.kind" },
    };

    [Theory]
    [MemberData(nameof(BadLetterheads))]
    public async Task Bad_letterhead_settings_are_400_naming_the_field_and_change_nothing(string body, string field, string code)
    {
        var before = (await _admin.GetFromJsonAsync<JsonElement>("/api/settings/documents")).GetRawText();
        var response = await _admin.PutAsync("/api/settings/documents", new StringContent(body, Encoding.UTF8, "application/json"));
        await AssertFieldAsync(response, field, code);
        Assert.Equal(before, (await _admin.GetFromJsonAsync<JsonElement>("/api/settings/documents")).GetRawText());
    }

    [Fact]
    public async Task The_letterhead_takes_its_kab_kota_from_the_puskesmas_region_code_in_the_official_list()
    {
        var settings = await _admin.GetFromJsonAsync<JsonElement>("/api/settings");
        var regionCode = settings.GetProperty("regionCode").GetString();
        var letterhead = (await _admin.GetFromJsonAsync<JsonElement>("/api/settings/documents")).GetProperty("letterhead");
        using var c = _server.Database.Open();
        var name = c.ExecuteScalar<string>("SELECT name FROM regions WHERE code = @regionCode", new { regionCode })!.Trim();
        Assert.Equal(name, letterhead.GetProperty("kabKota").GetString());
        Assert.Equal("PEMERINTAH " + name.ToUpperInvariant(), letterhead.GetProperty("government").GetString());
    }

    /// <summary>A finished examination by the doctor (with a referral when asked); returns the visit id.</summary>
    private async Task<long> ExaminedVisitAsync(bool withReferral)
    {
        var rm = (await _desk.RegisterPatientAsync(PatientBuilder.Valid("Wagiman", "L", "1968-07-17"))).Rm();
        var visit = await _desk.RegisterVisitAsync(rm, "umum");
        (await _doctor.PutAsJsonAsync($"/api/visits/{visit.Id}/examination?finish=true", new
        {
            complaint = "Batuk dua minggu",
            vitals = new { systolic = 130, diastolic = 85, temperature = 37.2 },
            diagnoses = new[] { new { code = "J06.9", primary = true } },
            referral = withReferral ? new { destination = "RSUD Salatiga", reason = "Curiga TB paru" } : null,
        })).EnsureSuccessStatusCode();
        return visit.Id;
    }

    /// <summary>After refused requests the year's first letter of each kind still gets number 001.</summary>
    private async Task AssertNextNumberIsStillFreeAsync(long visitId)
    {
        using var c = _server.Database.Open();
        foreach (var kind in new[] { "rujukan", "sakit", "sehat" })
        {
            var used = await c.ExecuteScalarAsync<long?>("SELECT last_seq FROM letter_sequences WHERE kind = @kind", new { kind }) ?? 0;
            Assert.Equal(await CountAsync("SELECT COUNT(*) FROM letters WHERE kind = @kind", new { kind }), used);
        }
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM letters WHERE visit_id = @visitId", new { visitId }));
    }

    private static async Task AssertFieldAsync(HttpResponseMessage response, string field, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), text);
        var messages = errors.GetProperty(field);
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        Assert.Contains(code, problem.GetProperty("codes").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
    }

    private static async Task AssertCodeAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
    }

    private async Task<long> CountAsync(string sql, object? args = null)
    {
        using var c = _server.Database.Open();
        return await c.ExecuteScalarAsync<long>(sql, args);
    }
}
