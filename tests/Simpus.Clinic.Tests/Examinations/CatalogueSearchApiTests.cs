using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Simpus.Clinic.Tests.Infrastructure;

namespace Simpus.Clinic.Tests.Examinations;

/// <summary>Everyday words, usage ranking and the WHO-only ICD-10 catalogue over the real API.</summary>
public sealed class CatalogueSearchApiTests : IAsyncLifetime
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

    private async Task<List<string>> Codes(string q) =>
        (await _doctor.GetFromJsonAsync<JsonElement>("/api/icd10?q=" + Uri.EscapeDataString(q))).EnumerateArray().Select(m => m.GetProperty("code").GetString()!).ToList();

    private async Task<List<string>> Drugs(string q) =>
        (await _doctor.GetFromJsonAsync<JsonElement>("/api/drugs?q=" + Uri.EscapeDataString(q))).EnumerateArray().Select(m => m.GetProperty("code").GetString()!).ToList();

    [Fact]
    public async Task Everyday_words_find_diagnoses_and_what_this_puskesmas_uses_most_comes_first_as_it_is_recorded()
    {
        Assert.Equal("R50.9", (await Codes("demam"))[0]);          // fever before typhoid, even before any usage
        Assert.Contains("L29.9", await Codes("gatal"));
        Assert.Contains("A09.9", await Codes("diare"));

        var rm = (await _desk.RegisterPatientAsync(PatientBuilder.Valid("Joko Santoso", "L", "1980-01-01"))).Rm();
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var visit = await _desk.RegisterVisitAsync(rm, "umum");
            (await _doctor.PutAsJsonAsync($"/api/visits/{visit.Id}/examination?finish=true", new
            {
                diagnoses = new[] { new { code = "A01.0", primary = true } },
                prescriptions = new[] { new { drug = "OB022", dose = "4x1", quantity = 20, days = 5 } },
            })).EnsureSuccessStatusCode();
        }

        Assert.Equal("A01.0", (await Codes("demam"))[0]);          // this puskesmas diagnoses typhoid: it comes first now
        Assert.Equal("OB022", (await Drugs("tiam"))[0]);
        using var c = _server.Database.Open();
        Assert.Equal(2, c.ExecuteScalar<long>("SELECT uses FROM catalogue_usage WHERE kind = 'icd10' AND code = 'A01.0'"));
        Assert.Equal(2, c.ExecuteScalar<long>("SELECT uses FROM catalogue_usage WHERE kind = 'drug' AND code = 'OB022'"));
    }

    [Fact]
    public async Task Drugs_are_found_by_generic_names_in_either_spelling_and_by_abbreviations()
    {
        Assert.Equal("OB001", (await Drugs("paracetamol"))[0]);
        Assert.Equal("OB001", (await Drugs("parasetamol"))[0]);
        Assert.StartsWith("OB01", (await Drugs("amoxicillin"))[0]);
        Assert.Equal("OB107", (await Drugs("ttd"))[0]);
        Assert.Equal("OB107", (await Drugs("fe"))[0]);
        Assert.Equal("OB054", (await Drugs("ctm"))[0]);
        Assert.Contains("OB071", await Drugs("antasida"));
        Assert.Equal("OB016", (await Drugs("ciprofloxacin"))[0]);
        Assert.Empty(await Drugs("obatyangtidakada"));
    }

    [Fact]
    public async Task Codes_that_are_not_WHO_ICD_10_are_refused_for_new_entries_but_kept_on_old_records_that_still_count()
    {
        var rm = (await _desk.RegisterPatientAsync(PatientBuilder.Valid("Siti Aminah", "P", "1985-01-01"))).Rm();
        var old = await _desk.RegisterVisitAsync(rm, "umum");
        using (var c = _server.Database.Open())
        {
            // Recorded before the catalogue was corrected (the migration retires the code; its row stays).
            c.Execute("""
                INSERT INTO icd10 (code, name_id, name_en, category, common, active) VALUES ('R19.7', 'Diare tidak spesifik', 'Diarrhoea unspecified', 'R19', 0, 0);
                INSERT INTO diagnoses (visit_id, code, is_primary, case_type, created_at, created_by) VALUES (@Id, 'R19.7', 1, 'baru', '2026-01-01T00:00:00.000Z', 'dokter');
                """, new { old.Id });
        }
        var fresh = await _desk.RegisterVisitAsync((await _desk.RegisterPatientAsync(PatientBuilder.Valid("Budi Hartono", "L", "1970-01-01"))).Rm(), "umum");

        var refused = await _doctor.PutAsJsonAsync($"/api/visits/{fresh.Id}/examination", new { diagnoses = new[] { new { code = "R19.7" } } });
        var kept = await _doctor.PutAsJsonAsync($"/api/visits/{old.Id}/examination", new { complaint = "Diare", diagnoses = new[] { new { code = "R19.7", primary = true } } });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("A09.9", problem.GetProperty("errors").GetProperty("diagnoses[0].code")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.DoesNotContain("R19.7", await Codes("diare"));
        Assert.Equal(HttpStatusCode.NotFound, (await _doctor.GetAsync("/api/icd10/R19.7")).StatusCode);
        using var db = _server.Database.Open();
        Assert.Equal(0, db.ExecuteScalar<long>("SELECT COUNT(*) FROM diagnoses WHERE visit_id = @Id", new { fresh.Id }));
        Assert.Equal(1, db.ExecuteScalar<long>("SELECT COUNT(*) FROM diagnoses WHERE visit_id = @Id AND code = 'R19.7' AND voided_at IS NULL", new { old.Id }));
    }
}
