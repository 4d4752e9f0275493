using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Simpus.Clinic.Tests.Infrastructure;
using Simpus.Tests.Shared;
using ZXing;
using ZXing.Common;

namespace Simpus.Clinic.Tests.Documents;

/// <summary>
/// Every document printed to PDF by Chromium (page.PdfAsync, the page's own @page size) and read back as a person would:
/// paper size, one page, the text (name, No. RM, number, diagnosis), the card's barcode decoded from a rendered picture,
/// and the print log. One server and one examined visit shared by the tests of the class.
/// </summary>
[Collection("browser")]
public sealed class DocumentPagesTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string DoctorPassword = "Stetoskop-12345";
    private ClinicServer _server = null!;
    private HttpClient _admin = null!;
    private string _rm = null!;
    private long _visitId;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        _server = await ClinicServer.StartAsync();
        _folder = TestFolders.New("cetak");
        _admin = await _server.AdminAsync();
        (await _admin.PostAsJsonAsync("/api/users", new { username = "dokter", fullName = "dr. Andi Pratama", password = DoctorPassword, role = "klinisi", poli = "umum" }))
            .EnsureSuccessStatusCode();
        (await _admin.PutAsJsonAsync("/api/settings/documents", new
        {
            name = "Puskesmas Sukamaju", address = "Jl. Kesehatan No. 1, Semarang", phone = "024-7654321",
            email = "pkm.sukamaju@example.id",
        })).EnsureSuccessStatusCode();
        _rm = (await _admin.RegisterPatientAsync(PatientBuilder.Valid("Sri Wahyuni", "P", "1975-02-20"))).Rm();
        var visit = await _admin.RegisterVisitAsync(_rm, "umum");
        _visitId = visit.Id;
        var doctor = await _server.LoginAsync("dokter", DoctorPassword);
        (await doctor.PutAsJsonAsync($"/api/visits/{_visitId}/examination?finish=true", new
        {
            complaint = "Batuk pilek tiga hari, pusing",
            history = "Darah tinggi sejak 2020",
            vitals = new { systolic = 150, diastolic = 95, pulse = 88, respiration = 20, temperature = 37.9, weight = 58, height = 155 },
            physicalExam = "Faring hiperemis, paru bersih",
            diagnoses = new object[] { new { code = "J06.9", primary = true }, new { code = "I10" } },
            prescriptions = new object[]
            {
                new { drug = "OB001", dose = "3x1", quantity = 10, days = 3 },
                new { drug = "OB002", dose = "3x1", quantity = 15, days = 5 },
            },
            referral = new { destination = "RSUD Kota Semarang", reason = "Hipertensi tidak terkontrol" },
        })).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        TestFolders.TryDelete(_folder);
    }

    [Fact]
    public async Task The_patient_card_is_ID1_size_and_its_barcode_reads_back_as_the_rm_that_the_desk_search_finds()
    {
        var page = await WithoutPrintDialogAsync(await browser.LoginAsync(_server, "admin", ClinicServer.AdminPassword, $"/cetak/kartu/{_rm}"));
        var pdf = await PrintAsync(page, "kartu");

        var pages = PdfTools.Pages(pdf);
        var card = Assert.Single(pages);
        Assert.Equal(85.6 / 25.4 * 72, card.Width, 1.0);   // 242.6 pt
        Assert.Equal(54 / 25.4 * 72, card.Height, 1.0);    // 153.1 pt
        Assert.Contains(_rm, card.Flat);
        Assert.Contains("Sri Wahyuni", card.Flat);
        Assert.Contains("20 Februari 1975", card.Flat);
        Assert.Contains("Jl. Melati No. 5", card.Flat);
        Assert.Contains("PUSKESMAS SUKAMAJU", card.Flat);

        // The barcode, decoded from a 600 dpi rendering of the printed card (not from the text under it).
        var (width, height, pixels) = PdfTools.RenderGray(pdf, 1, 600);
        var reader = new BarcodeReaderGeneric { Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.CODE_128], TryHarder = true } };
        var result = reader.Decode(new RGBLuminanceSource(pixels, width, height, RGBLuminanceSource.BitmapFormat.Gray8));
        Assert.NotNull(result);
        Assert.Equal(_rm, result.Text);
        await AssertLoggedAsync("kartu", _rm, 1);

        // Printed without the page's button (Ctrl+P, the browser's menu): logged once too, by "beforeprint".
        var again = await page.Context.NewPageAsync();
        await again.GotoAsync($"/cetak/kartu/{_rm}", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Assertions.Expect(again.Locator("body")).ToHaveAttributeAsync("data-siap", "1");
        await again.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true });
        await AssertLoggedAsync("kartu", _rm, 2);
        await again.CloseAsync();

        // A USB scanner types what the barcode holds, then Enter, into the desk's search box.
        var desk = await page.Context.NewPageAsync();
        await desk.GotoAsync("/pendaftaran", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Assertions.Expect(desk.Locator("header.bar")).ToContainTextAsync("Pendaftaran");
        await desk.Locator("#cari").FocusAsync();
        await desk.Keyboard.TypeAsync(result.Text, new() { Delay = 5 });
        await Assertions.Expect(desk.Locator("#hasilBaris tr").First).ToContainTextAsync(_rm);
        await desk.Keyboard.PressAsync("Enter");
        await Assertions.Expect(desk.Locator("#judulPasien")).ToContainTextAsync("Sri Wahyuni");
        await Assertions.Expect(desk.Locator("#ringkasPasien")).ToContainTextAsync(_rm);
        await Assertions.Expect(desk.Locator("#cetakKartu")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_prescription_slip_is_one_A5_page_opened_from_the_examination_page()
    {
        var page = await WithoutPrintDialogAsync(await browser.LoginAsync(_server, "dokter", DoctorPassword, $"/poli/periksa/{_visitId}"));
        await Assertions.Expect(page.Locator("#nama")).ToHaveTextAsync("Sri Wahyuni");
        var popup = await page.RunAndWaitForPopupAsync(() => page.ClickAsync("#cetakResep"));
        var pdf = await PrintAsync(popup, "resep", alreadyPrinting: true);

        var slip = Assert.Single(PdfTools.Pages(pdf));
        Assert.Equal(419.5, slip.Width, 1.0);
        Assert.Equal(595.3, slip.Height, 1.0);
        Assert.Contains("RESEP", slip.Flat);
        Assert.Contains("Parasetamol 500 mg", slip.Flat);
        Assert.Contains("S 3x1 selama 3 hari", slip.Flat);
        Assert.Contains("Sri Wahyuni", slip.Flat);
        Assert.Contains(_rm, slip.Flat);
        Assert.Contains("J06.9", slip.Flat);
        Assert.Contains("dr. Andi Pratama", slip.Flat);
        await AssertLoggedAsync("resep", _rm, 1);
    }

    [Fact]
    public async Task Letters_are_numbered_per_kind_and_year_printed_on_one_A4_page_and_reprinted_unchanged()
    {
        var page = await WithoutPrintDialogAsync(await browser.LoginAsync(_server, "dokter", DoctorPassword, $"/poli/periksa/{_visitId}"));
        await Assertions.Expect(page.Locator("#nama")).ToHaveTextAsync("Sri Wahyuni");
        var year = DateTime.UtcNow.AddHours(7).Year;

        // Referral: the preview first (no number yet), then "Terbitkan dan cetak".
        var referralPage = await page.RunAndWaitForPopupAsync(() => page.ClickAsync("#suratRujukan"));
        await Assertions.Expect(referralPage.Locator("#dokumen")).ToContainTextAsync("diberikan saat surat diterbitkan");
        await referralPage.ClickAsync("#terbitkan");
        await referralPage.WaitForURLAsync("**/cetak/surat/*?cetak=1", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        var referralUrl = referralPage.Url;
        var referralPdf = await PrintAsync(referralPage, "rujukan", alreadyPrinting: true);
        var referral = Assert.Single(PdfTools.Pages(referralPdf));
        AssertA4(referral);
        Assert.Contains($"445/001/PKM-RJK/", referral.Flat);
        Assert.Contains($"/{year}", referral.Flat);
        foreach (var text in new[] { "SURAT RUJUKAN", "Sri Wahyuni", _rm, "RSUD Kota Semarang", "Hipertensi tidak terkontrol", "J06.9", "I10",
                     "Tekanan darah 150/95 mmHg", "Batuk pilek tiga hari", "Faring hiperemis", "Parasetamol 500 mg", "dr. Andi Pratama" })
        {
            Assert.Contains(text, referral.Flat);
        }

        // Sick leave: days of rest.
        var sickPage = await page.RunAndWaitForPopupAsync(() => page.ClickAsync("#suratSakit"));
        await Assertions.Expect(sickPage.Locator("#dokumen")).ToContainTextAsync("SURAT KETERANGAN SAKIT");
        await sickPage.FillAsync("#restDays", "3");
        await sickPage.ClickAsync("#terbitkan");
        await sickPage.WaitForURLAsync("**/cetak/surat/*?cetak=1", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        var sick = Assert.Single(PdfTools.Pages(await PrintAsync(sickPage, "sakit", alreadyPrinting: true)));
        AssertA4(sick);
        Assert.Contains("445/001/PKM-SKS/", sick.Flat);
        Assert.Contains("3 (tiga) hari", sick.Flat);
        Assert.Contains("Sri Wahyuni", sick.Flat);
        Assert.Contains(_rm, sick.Flat);

        // Health certificate: purpose; vitals, weight, height.
        var healthPage = await page.RunAndWaitForPopupAsync(() => page.ClickAsync("#suratSehat"));
        await Assertions.Expect(healthPage.Locator("#dokumen")).ToContainTextAsync("SURAT KETERANGAN SEHAT");
        await healthPage.ClickAsync("#terbitkan");
        await Assertions.Expect(healthPage.Locator("#pesan")).ToContainTextAsync("keperluan");   // purpose is required
        await healthPage.FillAsync("#purpose", "melamar pekerjaan");
        await healthPage.ClickAsync("#terbitkan");
        await healthPage.WaitForURLAsync("**/cetak/surat/*?cetak=1", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        var health = Assert.Single(PdfTools.Pages(await PrintAsync(healthPage, "sehat", alreadyPrinting: true)));
        AssertA4(health);
        foreach (var text in new[] { "445/001/PKM-SKBS/", "SEHAT", "melamar pekerjaan", "58 kg", "155 cm", "150/95 mmHg", _rm })
        {
            Assert.Contains(text, health.Flat);
        }

        // The record changes afterwards; the reprint shows the number and the content as issued.
        var doctor = await _server.LoginAsync("dokter", DoctorPassword);
        var record = await doctor.GetFromJsonAsync<JsonElement>($"/api/visits/{_visitId}/examination");
        Assert.Equal("finished", record.GetProperty("visitStatus").GetString());
        (await doctor.PutAsJsonAsync($"/api/visits/{_visitId}/examination", new
        {
            complaint = "Batuk pilek tiga hari, pusing",
            vitals = new { systolic = 120, diastolic = 80 },
            diagnoses = new object[] { new { code = "J06.9", primary = true } },
            referral = new { destination = "RS Lain", reason = "Alasan lain" },
        })).EnsureSuccessStatusCode();
        var again = await page.Context.NewPageAsync();
        await again.GotoAsync(referralUrl.Replace("?cetak=1", "", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        var reprint = Assert.Single(PdfTools.Pages(await PrintAsync(again, "rujukan-ulang")));
        Assert.Contains("445/001/PKM-RJK/", reprint.Flat);
        Assert.Contains("RSUD Kota Semarang", reprint.Flat);
        Assert.DoesNotContain("RS Lain", reprint.Flat);
        Assert.Contains("Tekanan darah 150/95 mmHg", reprint.Flat);

        // The next referral of the year takes the next number.
        var second = await doctor.PostAsJsonAsync($"/api/visits/{_visitId}/letters", new { kind = "rujukan" });
        Assert.Equal(System.Net.HttpStatusCode.Created, second.StatusCode);
        Assert.StartsWith("445/002/PKM-RJK/", (await second.JsonAsync()).GetProperty("number").GetString());
        // One print, one row: the referral printed, then reprinted; the sick-leave letter and the health certificate once each.
        await AssertLoggedAsync("rujukan", _rm, 2);
        await AssertLoggedAsync("sakit", _rm, 1);
        await AssertLoggedAsync("sehat", _rm, 1);
    }

    /// <summary>Headless Chromium has no print dialog: window.print() is recorded instead, for every page of the context.</summary>
    private static async Task<IPage> WithoutPrintDialogAsync(IPage page)
    {
        const string stub = "window.print = () => { window.__printDialogs = (window.__printDialogs || 0) + 1; };";
        await page.Context.AddInitScriptAsync(stub);
        await page.EvaluateAsync(stub);
        return page;
    }

    private static void AssertA4(PdfTools.Page page)
    {
        Assert.Equal(595.3, page.Width, 1.0);
        Assert.Equal(841.9, page.Height, 1.0);
    }

    /// <summary>
    /// Waits until the document is drawn; presses "Cetak" (unless the page opened the print dialog itself with ?cetak=1)
    /// and checks that the page asked for the print dialog; then prints the page to PDF with its own @page size.
    /// </summary>
    private async Task<string> PrintAsync(IPage page, string name, bool alreadyPrinting = false)
    {
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-siap", "1");
        if (!alreadyPrinting)
        {
            await page.ClickAsync("#cetak");
        }
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-dicetak", "1");
        Assert.True(await page.EvaluateAsync<int>("window.__printDialogs || 0") >= 1);
        var path = Path.Combine(_folder, name + ".pdf");
        await page.PdfAsync(new PagePdfOptions { Path = path, PreferCSSPageSize = true, PrintBackground = true });
        PdfTools.KeepForLooking(path, $"cetak-{name}.pdf");
        return path;
    }

    /// <summary>
    /// The print log holds exactly <paramref name="count"/> rows of the document, naming the patient and who printed.
    /// Waits a little for the count (a print started from the browser's own menu is logged as it begins, without waiting).
    /// </summary>
    private async Task AssertLoggedAsync(string document, string rm, int count)
    {
        var rows = new List<JsonElement>();
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var log = await _admin.GetFromJsonAsync<JsonElement>("/api/documents/prints");
            rows = log.EnumerateArray().Where(e => e.GetProperty("document").GetString() == document).ToList();
            if (rows.Count >= count)
            {
                break;
            }
            await Task.Delay(250);
        }
        await Task.Delay(300);   // nothing more arrives afterwards
        rows = (await _admin.GetFromJsonAsync<JsonElement>("/api/documents/prints")).EnumerateArray()
            .Where(e => e.GetProperty("document").GetString() == document).ToList();
        Assert.Equal(count, rows.Count);
        Assert.All(rows, entry =>
        {
            Assert.Equal(rm, entry.GetProperty("rm").GetString());
            Assert.False(string.IsNullOrEmpty(entry.GetProperty("printedBy").GetString()));
        });
    }
}
