using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Simpus.Clinic.Tests.Infrastructure;

namespace Simpus.Clinic.Tests.Pages;

[Collection("browser")]
public sealed class PoliPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private ClinicServer _server = null!;
    private HttpClient _api = null!;

    public async Task InitializeAsync()
    {
        _server = await ClinicServer.StartAsync();
        _api = await _server.AdminAsync();
        (await _api.PostAsJsonAsync("/api/users", new { username = "dokter", fullName = "dr. Uji", password = "Stetoskop-12345", role = "klinisi", poli = "umum" }))
            .EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_doctor_calls_a_patient_records_vitals_and_two_diagnoses_prescribes_and_finishes_the_visit()
    {
        var rm = (await _api.RegisterPatientAsync(PatientBuilder.Valid("Sri Wahyuni", "P", "1975-02-20"))).Rm();
        var visit = await _api.RegisterVisitAsync(rm, "umum");
        var page = await browser.LoginAsync(_server, "dokter", "Stetoskop-12345", "/poli");

        await Assertions.Expect(page.Locator("#daftar tr").First).ToContainTextAsync("Sri Wahyuni");
        // The kohort ibu link belongs to the KIA poli's worklist only.
        await Assertions.Expect(page.Locator("#tautanKohort")).ToBeHiddenAsync();
        await page.SelectOptionAsync("#poli", "kia");
        await Assertions.Expect(page.Locator("#tautanKohort")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#judul")).ToHaveTextAsync("Daftar pasien Poli KIA/KB");
        await page.SelectOptionAsync("#poli", "umum");
        await Assertions.Expect(page.Locator("#tautanKohort")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#daftar tr").First).ToContainTextAsync("Sri Wahyuni");
        await page.Locator("#daftar tr").First.GetByRole(AriaRole.Button, new() { Name = "Panggil" }).ClickAsync();
        await page.WaitForURLAsync($"**/poli/periksa/{visit.Id}", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Assertions.Expect(page.Locator("#nama")).ToHaveTextAsync("Sri Wahyuni");

        await page.FillAsync("#complaint", "Batuk pilek, pusing");
        await page.FillAsync("#systolic", "150");
        await page.FillAsync("#diastolic", "95");
        await page.FillAsync("#pulse", "88");
        await page.FillAsync("#temperature", "37,9");
        await page.FillAsync("#weight", "58");

        await page.Locator("#cariDiagnosis").PressSequentiallyAsync("ispa");
        await Assertions.Expect(page.Locator("#hasilDiagnosis li").First).ToContainTextAsync("J06.9");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#daftarDiagnosis tr")).ToHaveCountAsync(1);
        await page.Locator("#cariDiagnosis").PressSequentiallyAsync("darah tinggi");
        await Assertions.Expect(page.Locator("#hasilDiagnosis li").First).ToContainTextAsync("I10");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#daftarDiagnosis tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#daftarDiagnosis tr").Nth(1).Locator("select")).ToHaveValueAsync("baru");

        await page.Locator("#cariObat").PressSequentiallyAsync("parasetamol 500");
        await Assertions.Expect(page.Locator("#hasilObat li").First).ToContainTextAsync("Parasetamol 500 mg");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("3x1");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("10");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("3");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#daftarResep tr")).ToHaveCountAsync(1);

        await page.ClickAsync("#selesai");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/poli", new() { WaitUntil = WaitUntilState.DOMContentLoaded });

        var record = await _api.GetFromJsonAsync<JsonElement>($"/api/visits/{visit.Id}/examination");
        Assert.Equal("finished", record.GetProperty("visitStatus").GetString());
        Assert.Equal(37.9, record.GetProperty("vitals").GetProperty("temperature").GetDouble());
        Assert.Equal(150, record.GetProperty("vitals").GetProperty("systolic").GetInt32());
        var diagnoses = record.GetProperty("diagnoses").EnumerateArray().ToList();
        Assert.Equal(["J06.9", "I10"], diagnoses.Select(d => d.GetProperty("code").GetString()));
        Assert.True(diagnoses[0].GetProperty("primary").GetBoolean());
        var rx = Assert.Single(record.GetProperty("prescriptions").EnumerateArray());
        Assert.Equal("OB001", rx.GetProperty("drug").GetString());
        Assert.Equal(10, rx.GetProperty("quantity").GetDouble());
        Assert.Equal(3, rx.GetProperty("days").GetInt32());
        await Assertions.Expect(page.Locator("#daftar tr").First).ToContainTextAsync("Selesai");
    }

    [Fact]
    public async Task An_implausible_temperature_is_shown_next_to_the_field_and_nothing_is_saved()
    {
        var rm = (await _api.RegisterPatientAsync(PatientBuilder.Valid("Budi Santoso", "L", "1970-01-01"))).Rm();
        var visit = await _api.RegisterVisitAsync(rm, "umum");
        var page = await browser.LoginAsync(_server, "dokter", "Stetoskop-12345", $"/poli/periksa/{visit.Id}");
        await Assertions.Expect(page.Locator("#nama")).ToHaveTextAsync("Budi Santoso");

        await page.FillAsync("#temperature", "80");
        await page.ClickAsync("#simpan");

        await Assertions.Expect(page.Locator("[data-error='vitals.temperature']")).ToContainTextAsync("Suhu tubuh");
        await Assertions.Expect(page.Locator("#temperature")).ToHaveAttributeAsync("aria-invalid", "true");
        var record = await _api.GetFromJsonAsync<JsonElement>($"/api/visits/{visit.Id}/examination");
        Assert.False(record.GetProperty("recorded").GetBoolean());
    }

    [Fact]
    public async Task The_patient_history_page_lists_visits_newest_first()
    {
        var rm = (await _api.RegisterPatientAsync(PatientBuilder.Valid("Ani Lestari", "P", "1990-01-01"))).Rm();
        var old = await _api.RegisterVisitAsync(rm, "umum", arrivedAt: DateTimeOffset.UtcNow.AddDays(-30).ToString("O"));
        (await _api.PutAsJsonAsync($"/api/visits/{old.Id}/examination", new { diagnoses = new[] { new { code = "K30" } } })).EnsureSuccessStatusCode();
        var recent = await _api.RegisterVisitAsync(rm, "umum");
        (await _api.PutAsJsonAsync($"/api/visits/{recent.Id}/examination", new { diagnoses = new[] { new { code = "J06.9" } } })).EnsureSuccessStatusCode();

        var page = await browser.LoginAsync(_server, "dokter", "Stetoskop-12345", $"/pasien/{rm}/riwayat");

        await Assertions.Expect(page.Locator("#judul")).ToContainTextAsync("Ani Lestari");
        await Assertions.Expect(page.Locator("section.kunjungan")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("section.kunjungan").First).ToContainTextAsync("J06.9");
        await Assertions.Expect(page.Locator("section.kunjungan").Nth(1)).ToContainTextAsync("K30");
    }
}
