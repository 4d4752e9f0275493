using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Simpus.Clinic.Tests.Infrastructure;
using Simpus.Core.Visits;

namespace Simpus.Clinic.Tests.Pages;

[Collection("browser")]
public sealed class RegistrationPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private ClinicServer _server = null!;
    private HttpClient _api = null!;

    public async Task InitializeAsync()
    {
        _server = await ClinicServer.StartAsync();
        _api = await _server.AdminAsync();
        await _api.PostAsJsonAsync("/api/users", new { username = "loket", password = "Antrean-pagi-12", role = "pendaftaran" });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task The_desk_finds_a_patient_by_keyboard_and_sends_them_to_a_poli()
    {
        var siti = await _api.RegisterPatientAsync(PatientBuilder.Valid("Siti Aminah", "P", "1985-04-12"));
        await _api.RegisterPatientAsync(PatientBuilder.Valid("Budi Santoso", "L", "1970-01-01"));
        var page = await browser.LoginAsync(_server, "loket", "Antrean-pagi-12", "/pendaftaran");

        await page.Locator("#cari").PressSequentiallyAsync("sity amina");
        await Assertions.Expect(page.Locator("#hasilBaris tr").First).ToContainTextAsync("Siti Aminah");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#judulPasien")).ToContainTextAsync("Siti Aminah");
        await Assertions.Expect(page.Locator("#ringkasPasien")).ToContainTextAsync(siti.Rm());
        await page.SelectOptionAsync("#poli", "gigi");
        await page.FillAsync("#complaint", "Sakit gigi geraham");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("#tiketNomor")).ToHaveTextAsync("G-001");
        var visits = await _api.GetFromJsonAsync<List<Visit>>("/api/visits?poli=gigi", ApiExtensions.Json);
        Assert.Equal(siti.Rm(), Assert.Single(visits!).Rm);
        Assert.Equal("Sakit gigi geraham", visits![0].Complaint);
        await Assertions.Expect(page.Locator("#antreanMenunggu")).ToContainTextAsync("Siti Aminah");
    }

    [Fact]
    public async Task The_desk_registers_a_new_patient_with_inline_errors_and_duplicate_candidates_then_a_visit()
    {
        await _api.RegisterPatientAsync(PatientBuilder.Valid("Dewi Lestari", "P", "1990-06-15"));
        var page = await browser.LoginAsync(_server, "loket", "Antrean-pagi-12", "/pendaftaran");

        await page.Keyboard.PressAsync("F2");
        await Assertions.Expect(page.Locator("#panelForm")).ToBeVisibleAsync();
        // A NIK of a man born 15-06-90 for a woman: the desk sees it at once.
        await page.FillAsync("#nik", "3373041506900001");
        await page.SelectOptionAsync("#sex", "P");
        await Assertions.Expect(page.Locator("[data-error='nik']")).ToContainTextAsync("laki-laki");
        await page.FillAsync("#nik", "3373045506900002");
        await page.Locator("#nik").BlurAsync();
        await Assertions.Expect(page.Locator("#birthDate")).ToHaveValueAsync("1990-06-15");
        await page.FillAsync("#name", "Dewi Lestary");
        await Assertions.Expect(page.Locator("#kandidat")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#kandidatDaftar")).ToContainTextAsync("Dewi Lestari");
        await page.FillAsync("#bpjsNumber", "123");
        await page.FillAsync("#rt", "ab");
        await page.ClickAsync("#simpan");
        await Assertions.Expect(page.Locator("[data-error='bpjsNumber']")).ToContainTextAsync("13 digit");
        await Assertions.Expect(page.Locator("[data-error='rt']")).Not.ToBeEmptyAsync();

        await page.FillAsync("#bpjsNumber", "0001234567890");
        await page.FillAsync("#rt", "4");
        await page.FillAsync("#address", "Jl. Mawar No. 3");
        await page.ClickAsync("#simpan");
        // Similar patient exists: the desk must confirm it is new.
        await Assertions.Expect(page.Locator("#pesanForm")).ToContainTextAsync("pasien mirip");
        await page.CheckAsync("#yakinBaru");
        await page.ClickAsync("#simpan");
        await Assertions.Expect(page.Locator("#judulPasien")).ToContainTextAsync("Dewi Lestary");

        await page.SelectOptionAsync("#poli", "kia");
        await page.ClickAsync("#daftar");
        await Assertions.Expect(page.Locator("#tiketNomor")).ToHaveTextAsync("K-001");

        var found = await _api.GetFromJsonAsync<JsonElement>("/api/patients?q=3373045506900002");
        var rm = found[0].GetProperty("rm").GetString()!;
        Assert.Equal("Dewi Lestary", found[0].GetProperty("name").GetString());
        Assert.Equal("004", found[0].GetProperty("rt").GetString());
        var visits = await _api.GetFromJsonAsync<List<Visit>>($"/api/patients/{rm}/visits", ApiExtensions.Json);
        Assert.Equal("kia", Assert.Single(visits!).Poli);
    }

    [Fact]
    public async Task The_queue_display_shows_numbers_per_poli()
    {
        var rm = (await _api.RegisterPatientAsync()).Rm();
        var visit = await _api.RegisterVisitAsync(rm, "umum");
        await _api.PostAsJsonAsync($"/api/visits/{visit.Id}/status", new { status = "in-progress" });
        var page = await browser.LoginAsync(_server, "loket", "Antrean-pagi-12", "/antrian");

        var umum = page.Locator(".poli[data-poli='umum']");
        await Assertions.Expect(umum.Locator(".sekarang")).ToHaveTextAsync("U-001");
    }
}
