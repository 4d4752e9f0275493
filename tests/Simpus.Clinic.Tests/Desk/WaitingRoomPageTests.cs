using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Simpus.Clinic.Tests.Infrastructure;
using Simpus.Core.Visits;
using UglyToad.PdfPig;

namespace Simpus.Clinic.Tests.Desk;

/// <summary>Issue 11 points 1 (the queue ticket) and 5 (the waiting room calls patients aloud).</summary>
[Collection("browser")]
public sealed class WaitingRoomPageTests(BrowserFixture browser, DeskSite site) : IClassFixture<DeskSite>
{
    private const double PointsPerMm = 72 / 25.4;

    /// <summary>Records window.print() of every frame in the desk's window, instead of opening the system dialog.</summary>
    private const string PrintStub = """
        window.print = () => { try { (window.top.__cetak = window.top.__cetak || []).push(location.pathname + location.search); } catch (e) { } };
        """;

    /// <summary>Captures what the page asks the speech synthesis to say.</summary>
    private const string SpeechStub = """
        window.__ucapan = [];
        window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
        Object.defineProperty(window, "speechSynthesis", { configurable: true,
          value: { speak: u => window.__ucapan.push(u.text), cancel: () => { }, getVoices: () => [] } });
        """;

    private static readonly string[] Words =
        ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas", "dua belas",
         "tiga belas", "empat belas", "lima belas", "enam belas", "tujuh belas", "delapan belas", "sembilan belas", "dua puluh"];

    [Fact]
    public async Task Issue_11_1_the_desk_prints_the_queue_ticket_at_once_and_the_ticket_fits_one_thermal_page()
    {
        var rm = (await site.Admin.RegisterPatientAsync(PatientBuilder.Valid("Tukiyem Suparti", "P", "1955-05-05"))).Rm();
        var page = await browser.LoginAsync(site.Server, "loket", DeskSite.Password, "/pendaftaran");
        await page.Context.AddInitScriptAsync(PrintStub);
        await page.ReloadAsync(new() { WaitUntil = WaitUntilState.DOMContentLoaded });

        await page.CheckAsync("#cetakOtomatis");
        await page.SelectOptionAsync("#lebarTiket", "80");
        await page.Locator("#cari").PressSequentiallyAsync(rm);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#poli")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("1");
        await page.ClickAsync("#daftar");
        await Assertions.Expect(page.Locator("#tiket")).ToBeVisibleAsync();

        var visit = (await site.Admin.GetFromJsonAsync<List<Visit>>($"/api/patients/{rm}/visits", ApiExtensions.Json))!.Single();
        await page.WaitForFunctionAsync("() => (window.__cetak || []).length > 0");
        var printed = await page.EvaluateAsync<string[]>("() => window.__cetak");
        Assert.Equal($"/cetak/antrean/{visit.Id}?lebar=80&cetak=1", Assert.Single(printed));

        // The preview, then the same page printed to PDF as Chromium would print it on an 80 mm and a 58 mm roll.
        foreach (var (width, mm) in new[] { ("80", 80.0), ("58", 58.0) })
        {
            var ticket = await page.Context.NewPageAsync();
            await ticket.GotoAsync($"/cetak/antrean/{visit.Id}?lebar={width}", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
            await Assertions.Expect(ticket.Locator("body")).ToHaveAttributeAsync("data-siap", "ya");
            await Assertions.Expect(ticket.Locator("#label")).ToHaveTextAsync(visit.QueueLabel!);
            await Assertions.Expect(ticket.Locator("#cetak")).ToBeVisibleAsync();
            var pdf = await ticket.PdfAsync(new() { PreferCSSPageSize = true, PrintBackground = true });

            using var document = PdfDocument.Open(pdf);
            var sheet = Assert.Single(document.GetPages());
            var text = string.Join(" ", sheet.GetWords().Select(w => w.Text));
            Assert.InRange(sheet.Width, (mm - 1) * PointsPerMm, (mm + 1) * PointsPerMm);
            Assert.Contains(visit.QueueLabel!, text);
            Assert.Contains("Poli Umum", text);
            Assert.Contains("Puskesmas Sukamaju", text);
            Assert.DoesNotContain("Cetak tiket", text);
            await ticket.CloseAsync();
        }
    }

    [Fact]
    public async Task Issue_11_5_the_waiting_room_shows_and_speaks_the_called_number_a_call_can_be_repeated_and_sound_turned_off()
    {
        var rm = (await site.Admin.RegisterPatientAsync(PatientBuilder.Valid("Sarmini Handayani", "P", "1960-06-06"))).Rm();
        var visit = await site.Admin.RegisterVisitAsync(rm, "umum");
        var number = int.Parse(visit.QueueLabel!["U-".Length..], System.Globalization.CultureInfo.InvariantCulture);
        var expected = $"Nomor antrean U {Words[number]}, silakan ke Poli Umum";

        var worklist = await browser.LoginAsync(site.Server, "dokter", DeskSite.Password, "/poli");
        await worklist.Context.AddInitScriptAsync(SpeechStub);
        var screen = await worklist.Context.NewPageAsync();
        await screen.GotoAsync("/antrian", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Assertions.Expect(screen.Locator("body")).ToHaveAttributeAsync("data-panggilan", new System.Text.RegularExpressions.Regex(@"^\d+$"));
        await Assertions.Expect(screen.Locator("#suara")).ToHaveTextAsync("Suara: aktif");

        // The clinician calls the patient in from the worklist.
        var called = await worklist.RunAndWaitForResponseAsync(
            () => worklist.Locator($"#daftar tr[data-id='{visit.Id}']").GetByRole(AriaRole.Button, new() { Name = "Panggil", Exact = true }).ClickAsync(),
            r => r.Url.EndsWith($"/api/visits/{visit.Id}/status", StringComparison.Ordinal) && r.Request.Method == "POST");
        Assert.True(called.Ok, $"POST status answered {called.Status}");
        await worklist.WaitForURLAsync($"**/poli/periksa/{visit.Id}", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await screen.WaitForFunctionAsync("() => window.__ucapan.length === 1");
        Assert.Equal([expected], await screen.EvaluateAsync<string[]>("() => window.__ucapan"));
        await Assertions.Expect(screen.Locator("#nomorPanggil")).ToHaveTextAsync(visit.QueueLabel!);
        await Assertions.Expect(screen.Locator("#tujuanPanggil")).ToHaveTextAsync("silakan ke Poli Umum");

        // "Panggil ulang" calls again.
        await worklist.GotoAsync("/poli", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await worklist.Locator($"#daftar tr[data-id='{visit.Id}']").GetByRole(AriaRole.Button, new() { Name = "Panggil ulang" }).ClickAsync();
        await Assertions.Expect(worklist.Locator("#pesan")).ToContainTextAsync("dipanggil ulang");
        await screen.WaitForFunctionAsync("() => window.__ucapan.length === 2");
        Assert.Equal([expected, expected], await screen.EvaluateAsync<string[]>("() => window.__ucapan"));

        // Sound off: the next call is shown but not spoken.
        await screen.ClickAsync("#suara");
        await Assertions.Expect(screen.Locator("#suara")).ToHaveTextAsync("Suara: mati");
        await worklist.RunAndWaitForResponseAsync(
            () => worklist.Locator($"#daftar tr[data-id='{visit.Id}']").GetByRole(AriaRole.Button, new() { Name = "Panggil ulang" }).ClickAsync(),
            r => r.Url.EndsWith($"/api/visits/{visit.Id}/call", StringComparison.Ordinal));
        var latest = await site.Admin.GetFromJsonAsync<JsonElement>("/api/queue/calls");
        await Assertions.Expect(screen.Locator("body")).ToHaveAttributeAsync("data-panggilan", latest[0].GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, await screen.EvaluateAsync<int>("() => window.__ucapan.length"));
        await Assertions.Expect(screen.Locator("#nomorPanggil")).ToHaveTextAsync(visit.QueueLabel!);
    }
}
