using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Playwright;
using Simpus.Clinic.Tests.Infrastructure;

namespace Simpus.Clinic.Tests.Pages;

/// <summary>
/// The words clinicians type find drugs and diagnoses (issue 10 point 6), and the bidan records a kohort ibu contact on
/// the KIA poli (issue 10 point 7). Screenshots at 1366×768 go to the test output folder (screenshots/).
/// </summary>
[Collection("browser")]
public sealed class KiaPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private ClinicServer _server = null!;
    private HttpClient _api = null!;

    public async Task InitializeAsync()
    {
        _server = await ClinicServer.StartAsync();
        _api = await _server.AdminAsync();
        (await _api.PostAsJsonAsync("/api/users", new { username = "bidan", fullName = "Bidan Uji", password = "bidan-kohort-77", role = "klinisi", poli = "kia" }))
            .EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string Screenshot(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    private static string LocalDay(int daysAgo) =>
        DateTime.UtcNow.AddHours(7).Date.AddDays(-daysAgo).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Drugs_and_diagnoses_are_found_by_the_words_clinicians_type_and_the_admin_search_says_tidak_ditemukan()
    {
        var rm = (await _api.RegisterPatientAsync(PatientBuilder.Valid("Wati Susanti", "P", "1988-05-05"))).Rm();
        var visit = await _api.RegisterVisitAsync(rm, "kia");
        // What this puskesmas uses most comes first: typhoid has never been diagnosed here, fever often.
        using (var c = _server.Database.Open())
        {
            c.Execute("INSERT INTO catalogue_usage (kind, code, uses) VALUES ('icd10', 'R50.9', 40), ('icd10', 'A01.0', 2)");
        }
        var page = await browser.LoginAsync(_server, "bidan", "bidan-kohort-77", $"/poli/periksa/{visit.Id}");
        await Assertions.Expect(page.Locator("#nama")).ToHaveTextAsync("Wati Susanti");

        async Task FirstDrug(string words, string expected)
        {
            await page.FillAsync("#cariObat", "");
            await page.Keyboard.PressAsync("Escape");
            await page.Locator("#cariObat").PressSequentiallyAsync(words);
            await Assertions.Expect(page.Locator("#hasilObat li").First).ToContainTextAsync(expected);
        }
        await FirstDrug("paracetamol", "Parasetamol");
        await FirstDrug("amoxicillin", "Amoksisilin");
        await FirstDrug("ttd", "Tablet tambah darah");
        await FirstDrug("fe", "Tablet tambah darah");
        await FirstDrug("ctm", "Klorfeniramin");
        await FirstDrug("antasida", "Antasida");

        await page.Locator("#cariDiagnosis").PressSequentiallyAsync("gatal");
        await Assertions.Expect(page.Locator("#hasilDiagnosis li").First).ToBeVisibleAsync();
        Assert.True(await page.Locator("#hasilDiagnosis li").CountAsync() >= 3);
        await page.FillAsync("#cariDiagnosis", "");
        await page.Locator("#cariDiagnosis").PressSequentiallyAsync("demam");
        await Assertions.Expect(page.Locator("#hasilDiagnosis li").First).ToContainTextAsync("R50.9");
        await page.ScreenshotAsync(new() { Path = Screenshot("cari-demam.png") });

        var admin = await browser.LoginAsync(_server, "admin", ClinicServer.AdminPassword, "/admin/obat");
        await admin.Locator("#cari").PressSequentiallyAsync("obatyangtidakada");
        await Assertions.Expect(admin.Locator("#tidakDitemukan")).ToContainTextAsync("tidak ditemukan");
        await admin.FillAsync("#cari", "");
        await admin.Locator("#cari").PressSequentiallyAsync("amoxicillin");
        await Assertions.Expect(admin.Locator("#daftar tr").First).ToContainTextAsync("Amoksisilin");
    }

    [Fact]
    public async Task The_bidan_records_a_kohort_ibu_contact_with_hpht_and_sees_the_pregnancy_s_contacts()
    {
        var rm = (await _api.RegisterPatientAsync(PatientBuilder.Valid("Rina Marlina", "P", "1994-06-06"))).Rm();
        // An earlier contact at 10 weeks, by the doctor, 12 weeks ago; today she comes at 22 weeks.
        var lmp = LocalDay(22 * 7);
        var earlier = await _api.RegisterVisitAsync(rm, "kia", arrivedAt: new DateTimeOffset(DateTime.SpecifyKind(DateTime.UtcNow.AddHours(7).Date.AddDays(-12 * 7).AddHours(8),
            DateTimeKind.Unspecified), TimeSpan.FromHours(7)).ToString("O"));
        (await _api.PutAsJsonAsync($"/api/visits/{earlier.Id}/kia", new { antenatal = new { givenBy = "dokter", lmp, gravida = 1, muac = 25.0, hb = 11.8 } }))
            .EnsureSuccessStatusCode();
        await _api.PostAsJsonAsync($"/api/visits/{earlier.Id}/status", new { status = "finished" });
        var visit = await _api.RegisterVisitAsync(rm, "kia");

        var page = await browser.LoginAsync(_server, "bidan", "bidan-kohort-77", $"/poli/periksa/{visit.Id}");
        await Assertions.Expect(page.Locator("#kehamilan")).ToContainTextAsync("UK 22 mg");
        await Assertions.Expect(page.Locator("#kohortKontak tr")).ToHaveCountAsync(1);
        await page.CheckAsync("#ancIni");
        await Assertions.Expect(page.Locator("#ancLmp")).ToHaveValueAsync(lmp);
        await Assertions.Expect(page.Locator("#ancWeek")).ToHaveValueAsync("22");
        await Assertions.Expect(page.Locator("#ancEdd")).Not.ToHaveTextAsync("—");

        // A wrong value is named next to its field, in Indonesian, and nothing is stored.
        await page.FillAsync("#ancDjj", "300");
        await page.ClickAsync("#simpan");
        await Assertions.Expect(page.Locator("[data-error='antenatal.fetalHeartRate']")).ToContainTextAsync("DJJ");
        using (var c = _server.Database.Open())
        {
            Assert.Equal(1, c.ExecuteScalar<long>("SELECT COUNT(*) FROM kia_antenatal_contacts"));
        }

        await page.FillAsync("#ancDjj", "144");
        await page.FillAsync("#ancTfu", "21");
        await page.SelectOptionAsync("#ancPresentation", "belum");
        await page.SelectOptionAsync("#ancTd", "T3");
        await page.FillAsync("#ancHb", "10,5");
        await page.CheckAsync("#risiko input[value='anemia']");
        await page.FillAsync("#complaint", "Periksa kehamilan");
        await page.ClickAsync("#simpan");
        await Assertions.Expect(page.Locator("#pesan")).ToContainTextAsync("Tersimpan");
        await Assertions.Expect(page.Locator("#kohortKontak tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#kohortKontak tr.ini")).ToContainTextAsync("22");
        await Assertions.Expect(page.Locator("#kohortCapaian")).ToContainTextAsync("K1 murni: ✓");
        await page.ScreenshotAsync(new() { Path = Screenshot("kohort-ibu-panel.png"), FullPage = true });

        var record = await _api.GetFromJsonAsync<JsonElement>($"/api/visits/{visit.Id}/kia");
        var anc = record.GetProperty("antenatal");
        Assert.Equal(("bidan", 22, 2, 144), (anc.GetProperty("givenBy").GetString(), anc.GetProperty("gestationalWeek").GetInt32(),
            anc.GetProperty("visitNumber").GetInt32(), anc.GetProperty("fetalHeartRate").GetInt32()));
        Assert.Equal(10.5, anc.GetProperty("hb").GetDouble());
        Assert.Equal(["anemia"], record.GetProperty("pregnancy").GetProperty("riskFlags").EnumerateArray().Select(f => f.GetString()));

        var register = await browser.LoginAsync(_server, "bidan", "bidan-kohort-77", "/poli/kohort-ibu");
        await Assertions.Expect(register.Locator("#daftar tr").First).ToContainTextAsync("Rina Marlina");
        await register.ScreenshotAsync(new() { Path = Screenshot("kohort-ibu-register.png") });
    }
}
