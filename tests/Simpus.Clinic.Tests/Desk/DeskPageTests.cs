using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Simpus.Clinic.Tests.Infrastructure;
using Simpus.Core.Visits;

namespace Simpus.Clinic.Tests.Desk;

/// <summary>Issue 10 points 4 and 5 and issue 9 points 4 and 6 as the desk meets them in the browser at 1366×768.</summary>
[Collection("browser")]
public sealed class DeskPageTests(BrowserFixture browser, DeskSite site) : IClassFixture<DeskSite>
{
    private HttpClient Api => site.Admin;

    private Task<IPage> DeskAsync() => browser.LoginAsync(site.Server, "loket", DeskSite.Password, "/pendaftaran");

    [Fact]
    public async Task Issue_10_5_a_poli_is_chosen_by_its_number_key_or_short_name_and_the_number_carries_its_letter()
    {
        var rm = (await Api.RegisterPatientAsync(PatientBuilder.Valid("Warsini Lestari", "P", "1966-08-17"))).Rm();
        var page = await DeskAsync();

        await page.Locator("#cari").PressSequentiallyAsync(rm);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#poli")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#tombolPoli")).ToContainTextAsync("2 Gigi");
        await page.Keyboard.PressAsync("2");
        await Assertions.Expect(page.Locator("#poli")).ToHaveValueAsync("gigi");
        await page.Keyboard.PressAsync("5");
        await Assertions.Expect(page.Locator("#poli")).ToHaveValueAsync("lansia");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Kontrol tekanan darah");
        await page.Keyboard.PressAsync("Enter");
        // The ticket shows once the server has acknowledged the visit; only then is it there to read back.
        await Assertions.Expect(page.Locator("#tiketNomor")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^L-"));

        var visit = (await Api.GetFromJsonAsync<List<Visit>>($"/api/patients/{rm}/visits", ApiExtensions.Json))!.Single();
        Assert.Equal("lansia", visit.Poli);
        Assert.StartsWith("L-", visit.QueueLabel);
        await Assertions.Expect(page.Locator("#tiketNomor")).ToHaveTextAsync(visit.QueueLabel!);
        await Assertions.Expect(page.Locator("#tiketPoli")).ToContainTextAsync("Poli Lansia");
        await Assertions.Expect(page.Locator($"#antreanMenunggu tr[data-visit='{visit.Id}']")).ToContainTextAsync(visit.QueueLabel!);
        await Assertions.Expect(page.Locator($"#antreanMenunggu tr[data-visit='{visit.Id}'] td").Nth(1)).ToHaveTextAsync("Lansia");
    }

    [Fact]
    public async Task Issue_10_5_the_queue_list_shows_waiting_first_then_in_service_and_folds_the_finished()
    {
        var doctor = await site.DoctorAsync();
        var finished = await Api.RegisterVisitAsync((await Api.RegisterPatientAsync(PatientBuilder.Valid("Sudah Selesai", "L", "1970-01-01"))).Rm(), "umum");
        var serving = await Api.RegisterVisitAsync((await Api.RegisterPatientAsync(PatientBuilder.Valid("Sedang Diperiksa", "L", "1971-01-01"))).Rm(), "umum");
        var waiting = await Api.RegisterVisitAsync((await Api.RegisterPatientAsync(PatientBuilder.Valid("Masih Menunggu", "P", "1972-01-01"))).Rm(), "umum");
        (await doctor.PostAsJsonAsync($"/api/visits/{finished.Id}/status", new { status = "in-progress" })).EnsureSuccessStatusCode();
        (await doctor.PostAsJsonAsync($"/api/visits/{finished.Id}/status", new { status = "finished" })).EnsureSuccessStatusCode();
        (await doctor.PostAsJsonAsync($"/api/visits/{serving.Id}/status", new { status = "in-progress" })).EnsureSuccessStatusCode();

        var page = await DeskAsync();

        await Assertions.Expect(page.Locator("#antreanMenunggu")).ToContainTextAsync("Masih Menunggu");
        await Assertions.Expect(page.Locator("#antreanDilayani")).ToContainTextAsync("Sedang Diperiksa");
        await Assertions.Expect(page.Locator("#antreanMenunggu")).Not.ToContainTextAsync("Sudah Selesai");
        await Assertions.Expect(page.GetByText("Sudah Selesai")).ToBeHiddenAsync();
        var waitingTop = (await page.Locator("#antreanMenunggu").BoundingBoxAsync())!.Y;
        var servingTop = (await page.Locator("#antreanDilayani").BoundingBoxAsync())!.Y;
        Assert.True(waitingTop < servingTop);
        await page.Locator("#antreanSelesai summary").ClickAsync();
        await Assertions.Expect(page.GetByText("Sudah Selesai")).ToBeVisibleAsync();
        Assert.NotNull(waiting.QueueLabel);
    }

    [Fact]
    public async Task Issue_10_5_Enter_on_a_hit_that_is_only_similar_does_not_register_a_visit_but_an_exact_hit_is_taken_at_once()
    {
        // The 64-year-old meant, and a 16-year-old whose name is one typo away.
        var meant = (await Api.RegisterPatientAsync(PatientBuilder.Valid("Sumarni Wulandari", "P", "1962-02-02"))).Rm();
        await Api.RegisterPatientAsync(PatientBuilder.Valid("Sumarmi Wulandari", "P", "2010-03-03"));
        var page = await DeskAsync();

        await page.Locator("#cari").PressSequentiallyAsync("sumarsi wulandari");
        await Assertions.Expect(page.Locator("#hasilBaris tr").First).ToHaveAttributeAsync("data-match", "similar");
        await Assertions.Expect(page.Locator("#hasilBaris tr").First.Locator(".mirip")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#hasilMirip")).ToContainTextAsync("hanya mirip");
        await Assertions.Expect(page.Locator("#panelPasien")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#daftar")).ToBeDisabledAsync();

        // The desk looks, moves to the right one and takes it.
        var rows = page.Locator("#hasilBaris tr");
        var index = await rows.EvaluateAllAsync<int>($"rows => rows.findIndex(r => r.dataset.rm === '{meant}')");
        if (index == 0)
        {
            await page.Keyboard.PressAsync("ArrowDown");
            await page.Keyboard.PressAsync("ArrowUp");
        }
        for (var i = 0; i < index; i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#judulPasien")).ToContainTextAsync("Sumarni Wulandari");
        await Assertions.Expect(page.Locator("#rm")).ToHaveValueAsync(meant);

        // Typed right, the one patient with that name is taken by Enter straight away.
        await page.Locator("#cari").FillAsync("");
        await page.Locator("#cari").PressSequentiallyAsync("sumarmi wulandari");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#judulPasien")).ToContainTextAsync("Sumarmi Wulandari");
    }

    [Fact]
    public async Task Issue_10_5_search_narrows_by_RT_village_and_address_words_and_by_the_family_heads_name()
    {
        var head = await Api.RegisterPatientAsync(PatientBuilder.Valid("Budi Santoso", "L", "1968-06-06").With("regionCode", "33.73.04.1003").With("rt", "7"));
        var child = await Api.RegisterPatientAsync(PatientBuilder.Valid("Nurul Hidayah", "P", "2012-07-07")
            .With("familyRm", head.Rm()).With("relation", "anak").With("regionCode", "33.73.04.1003").With("rt", "7"));
        var rt3 = await Api.RegisterPatientAsync(PatientBuilder.Valid("Siti Khotimah", "P", "1980-01-01").With("regionCode", "33.73.04.1001").With("rt", "3"));
        await Api.RegisterPatientAsync(PatientBuilder.Valid("Siti Khotimah", "P", "1981-01-01").With("regionCode", "33.73.04.1002").With("rt", "3"));
        await Api.RegisterPatientAsync(PatientBuilder.Valid("Siti Khotimah", "P", "1982-01-01").With("regionCode", "33.73.04.1001").With("rt", "9"));
        var page = await DeskAsync();

        await page.Locator("#cari").PressSequentiallyAsync("siti khotimah rt 3 kecandran");
        await Assertions.Expect(page.Locator("#hasilBaris tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#hasilBaris tr")).ToHaveAttributeAsync("data-rm", rt3.Rm());
        await Assertions.Expect(page.Locator("#hasilBaris tr")).ToContainTextAsync("Kel. Kecandran");

        await page.Locator("#cari").FillAsync("");
        await page.Locator("#cari").PressSequentiallyAsync("anak budi santoso");
        await Assertions.Expect(page.Locator("#hasilBaris tr").First).ToHaveAttributeAsync("data-rm", child.Rm());
        await Assertions.Expect(page.Locator("#hasilBaris tr").First).ToContainTextAsync("anak dari Budi Santoso");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#judulPasien")).ToContainTextAsync("Nurul Hidayah");
    }

    [Fact]
    public async Task Issue_9_4_and_9_6_the_desk_picks_the_desa_by_name_and_confirms_a_NIK_that_disagrees_with_the_birth_date()
    {
        var page = await DeskAsync();

        await page.Keyboard.PressAsync("F2");
        await page.FillAsync("#name", "Wahyuningsih");
        await page.SelectOptionAsync("#sex", "P");
        await page.FillAsync("#birthDate", "1979-09-21");
        // The NIK still carries 12-09-79: Dukcapil corrected the birth date later.
        await page.FillAsync("#nik", "3373045209790031");
        await page.Locator("#nik").BlurAsync();
        await Assertions.Expect(page.Locator("[data-error='nik']")).ToContainTextAsync("Tanggal lahir pada NIK");
        await Assertions.Expect(page.Locator("#konfirmasiNik")).ToBeVisibleAsync();
        await page.Locator("#desa").PressSequentiallyAsync("mangun");
        await Assertions.Expect(page.Locator("#desaDaftar li").First).ToContainTextAsync("Mangunsari");
        await Assertions.Expect(page.Locator("#desaDaftar li").First).ToContainTextAsync("Kec. Sidomukti");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#desa")).ToHaveValueAsync("Kel. Mangunsari, Kec. Sidomukti, Kota Salatiga");
        await page.FillAsync("#rt", "2");

        // Saving without a reason is refused and nothing is stored.
        await page.ClickAsync("#simpan");
        await Assertions.Expect(page.Locator("[data-error='nikMismatchReason']")).ToContainTextAsync("tulis alasannya");
        var none = await Api.GetFromJsonAsync<JsonElement>("/api/patients?q=3373045209790031");
        Assert.Equal(0, none.GetArrayLength());

        await page.FillAsync("#nikMismatchReason", "Tanggal lahir dikoreksi Dukcapil, dicek di KK");
        await page.ClickAsync("#simpan");
        await Assertions.Expect(page.Locator("#judulPasien")).ToContainTextAsync("Wahyuningsih");
        await Assertions.Expect(page.Locator("#ringkasPasien")).ToContainTextAsync("Kel. Mangunsari");
        await Assertions.Expect(page.Locator("#ringkasPasien")).ToContainTextAsync("dikoreksi Dukcapil");
        var saved = await Api.GetFromJsonAsync<JsonElement>("/api/patients?q=3373045209790031");
        Assert.Equal("33.73.04.1003", saved[0].GetProperty("regionCode").GetString());
    }

    [Fact]
    public async Task Issue_9_5_a_baby_is_registered_by_months()
    {
        var page = await DeskAsync();

        await page.Keyboard.PressAsync("F2");
        await page.FillAsync("#name", "Bayi Ny. Rohmah");
        await page.SelectOptionAsync("#sex", "L");
        await page.FillAsync("#estimatedAge", "3");
        await page.SelectOptionAsync("#estimatedAgeUnit", "bulan");
        await page.ClickAsync("#simpan");

        await Assertions.Expect(page.Locator("#judulPasien")).ToContainTextAsync("Bayi Ny. Rohmah");
        await Assertions.Expect(page.Locator("#judulPasien")).ToContainTextAsync("3 bln");
    }

    [Fact]
    public async Task Issue_10_4_pages_show_payer_poli_and_clinician_names_and_the_admin_imports_ICD10_with_a_button()
    {
        var doctor = await site.DoctorAsync();
        var rm = (await Api.RegisterPatientAsync(PatientBuilder.Valid("Paijo Sukarno", "L", "1958-12-12"))).Rm();
        var earlier = await Api.RegisterVisitAsync(rm, "umum", "bpjs-non-pbi");
        (await doctor.PutAsJsonAsync($"/api/visits/{earlier.Id}/examination?finish=true", new
        {
            complaint = "Pusing", vitals = new { }, diagnoses = new[] { new { code = "I10", primary = true } },
        })).EnsureSuccessStatusCode();
        var rm2 = (await Api.RegisterPatientAsync(PatientBuilder.Valid("Parmi Rahayu", "P", "1961-01-12"))).Rm();
        var today = await Api.RegisterVisitAsync(rm2, "umum", "bpjs-non-pbi");

        var page = await browser.LoginAsync(site.Server, "dokter", DeskSite.Password, "/poli");
        var row = page.Locator($"#daftar tr[data-id='{today.Id}']");
        await Assertions.Expect(row).ToContainTextAsync("BPJS Non-PBI");
        await Assertions.Expect(row).Not.ToContainTextAsync("bpjs-non-pbi");
        await Assertions.Expect(row.Locator("td.nomor")).ToHaveTextAsync(today.QueueLabel!);
        await Assertions.Expect(page.Locator("header.bar")).ToContainTextAsync("Poli Umum");

        await page.GotoAsync($"/pasien/{rm}/riwayat");
        await Assertions.Expect(page.Locator("#daftar")).ToContainTextAsync("oleh dr. Andi Pratama");
        await Assertions.Expect(page.Locator("#daftar")).ToContainTextAsync("Poli Umum");

        var admin = await browser.LoginAsync(site.Server, "admin", ClinicServer.AdminPassword, "/admin");
        await Assertions.Expect(admin.Locator("#kabKota")).ToHaveValueAsync("Kota Salatiga (33.73)");
        await Assertions.Expect(admin.Locator("#kecamatan")).ToHaveValueAsync("Sidomukti (33.73.04)");
        await Assertions.Expect(admin.Locator("main")).Not.ToContainTextAsync("/api/icd10/import");
        await admin.Locator("#icdBerkas").SetInputFilesAsync(new FilePayload
        {
            Name = "icd10-tambahan.csv", MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes("code,name_id,name_en\nY35.0,Cedera akibat tindakan hukum dengan senjata api,Legal intervention involving firearm discharge\nBAD,x,y\n"),
        });
        await admin.ClickAsync("#icdImpor");
        await Assertions.Expect(admin.Locator("#pesanIcd")).ToContainTextAsync("1 kode ditambahkan");
        await Assertions.Expect(admin.Locator("#pesanIcd")).ToContainTextAsync("Baris yang dilewati: 3");
        var added = await Api.GetFromJsonAsync<JsonElement>("/api/icd10/Y35.0");
        Assert.Equal("Cedera akibat tindakan hukum dengan senjata api", added.GetProperty("nameId").GetString());
    }
}
