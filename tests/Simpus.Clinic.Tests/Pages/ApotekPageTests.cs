using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Simpus.Clinic.Tests.Infrastructure;
using Simpus.Clinic.Tests.Pharmacy;
using Simpus.Web.Users;

namespace Simpus.Clinic.Tests.Pages;

/// <summary>The apotek pages in headless Chromium: the worklist with dispensing and hand-over, receipt entry, stock opname.</summary>
[Collection("browser")]
public sealed class ApotekPageTests(BrowserFixture browser, PharmacyServerFixture f) : IClassFixture<PharmacyServerFixture>
{
    private const string Password = "apotek-farmasi-9";

    private async Task<IPage> LoginAsync(string path)
    {
        var users = f.Server.Services.GetRequiredService<UserStore>();
        if (users.Find("apoteker") is null)
        {
            users.Create(new UserInput { Username = "apoteker", FullName = "apt. Uji Farmasi", Password = Password, Role = "farmasi" });
        }
        return await browser.LoginAsync(f.Server, "apoteker", Password, path);
    }

    [Fact]
    public async Task The_pharmacist_opens_the_waiting_prescription_dispenses_by_keyboard_records_a_shortage_and_hands_over()
    {
        await f.ReceiveAsync("OB109", "VITB-WEB", 50);
        var (visit, _) = await f.PrescribedVisitAsync(("OB109", 10), ("OB110", 10));
        var page = await LoginAsync("/apotek");

        var row = page.Locator("#daftar tr", new() { HasText = "Pasien Apotek" }).First;
        await Assertions.Expect(row).ToContainTextAsync("Menunggu");
        await row.ClickAsync();
        await Assertions.Expect(page.Locator("#nama")).ToHaveTextAsync("Pasien Apotek");
        await Assertions.Expect(page.Locator("#baris tr")).ToHaveCountAsync(2);
        // The first line is proposed in full; Enter on its quantity gives it, from batch VITB-WEB.
        var quantity = page.Locator("[data-jumlah='0']");
        await Assertions.Expect(quantity).ToHaveValueAsync("10");
        await quantity.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#baris tr").First).ToContainTextAsync("VITB-WEB");
        // The second drug has no stock: 0 and the reason are proposed; giving it records the shortage.
        await Assertions.Expect(page.Locator("[data-jumlah='1']")).ToHaveValueAsync("0");
        await Assertions.Expect(page.Locator("[data-alasan='1']")).ToHaveValueAsync("Stok kosong");
        await page.Locator("[data-berikan='1']").ClickAsync();
        await Assertions.Expect(page.Locator("#serahkan")).ToBeEnabledAsync();
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.Locator("#statusResep")).ToHaveTextAsync("Diserahkan");

        var view = await f.Pharmacist.GetFromJsonAsync<JsonElement>($"/api/pharmacy/prescriptions/{visit}");
        Assert.Equal("diserahkan", view.GetProperty("status").GetString());
        Assert.Equal(10, view.GetProperty("lines")[0].GetProperty("dispensed").GetProperty("quantity").GetInt32());
        Assert.Equal("Stok kosong", view.GetProperty("lines")[1].GetProperty("dispensed").GetProperty("reason").GetString());
        Assert.Equal(40, f.Scalar("SELECT on_hand FROM stock_batches WHERE batch_number = 'VITB-WEB'"));
    }

    [Fact]
    public async Task A_receipt_is_entered_line_by_line_by_keyboard_and_saved()
    {
        var page = await LoginAsync("/apotek/penerimaan");

        await page.FillAsync("#documentNumber", "SBBK/2026/WEB/001");
        await page.FillAsync("#source", "IFK Kota Uji");
        await page.Locator("#cariObat").PressSequentiallyAsync("amlodipin 10");
        await Assertions.Expect(page.Locator("#hasilObat li").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#hasilObat li").First).ToContainTextAsync("Amlodipin 10 mg");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#bets")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("AML10-WEB");
        await page.Keyboard.PressAsync("Enter");
        await page.FillAsync("#kedaluwarsa", "2028-05-31");
        await page.Locator("#kedaluwarsa").PressAsync("Enter");
        await page.Keyboard.TypeAsync("600");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#baris tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#baris tr").First).ToContainTextAsync("AML10-WEB");
        await page.ClickAsync("#simpan");
        await Assertions.Expect(page.Locator("#pesan")).ToContainTextAsync("SBBK/2026/WEB/001 tersimpan");
        await Assertions.Expect(page.Locator("#riwayat")).ToContainTextAsync("SBBK/2026/WEB/001");

        Assert.Equal(600, f.Scalar("SELECT on_hand FROM stock_batches WHERE batch_number = 'AML10-WEB'"));
        Assert.Equal(1, f.Scalar("SELECT COUNT(*) FROM stock_receipts WHERE document_number = 'SBBK/2026/WEB/001' AND source = 'IFK Kota Uji'"));

        // The same document again is refused with the reason shown.
        await page.FillAsync("#documentNumber", "SBBK/2026/WEB/001");
        await page.Locator("#cariObat").PressSequentiallyAsync("amlodipin 10");
        await Assertions.Expect(page.Locator("#hasilObat li").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#hasilObat li").First).ToContainTextAsync("Amlodipin 10 mg");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("AML10-WEB2");
        await page.Keyboard.PressAsync("Enter");
        await page.FillAsync("#kedaluwarsa", "2028-05-31");
        await page.FillAsync("#jumlah", "10");
        await page.Locator("#jumlah").PressAsync("Enter");
        await page.ClickAsync("#simpan");
        await Assertions.Expect(page.Locator("#pesan")).ToContainTextAsync("sudah pernah dicatat");
    }

    [Fact]
    public async Task Stock_opname_counts_a_batch_shows_the_difference_and_books_it()
    {
        await f.ReceiveAsync("OB116", "KALS-WEB", 120);
        var page = await LoginAsync("/apotek/opname");
        // The batches are on the page (the summary counts them) before the search narrows them.
        await Assertions.Expect(page.Locator("#ringkas")).ToContainTextAsync("bets dihitung");

        await page.FillAsync("#cari", "KALS-WEB");
        var input = page.Locator("#baris [data-hitung]");
        await Assertions.Expect(input).ToHaveCountAsync(1);
        await input.FillAsync("117");
        await Assertions.Expect(page.Locator("#baris [data-selisih]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[-−]3$"));
        await Assertions.Expect(page.Locator("#ringkas")).ToContainTextAsync("1 berselisih");
        await page.ClickAsync("#simpan");
        await Assertions.Expect(page.Locator("#pesan")).ToContainTextAsync("1 selisih dibukukan");
        await Assertions.Expect(page.Locator("#rinci")).ToContainTextAsync("KALS-WEB");

        Assert.Equal(117, f.Scalar("SELECT on_hand FROM stock_batches WHERE batch_number = 'KALS-WEB'"));
        Assert.Equal(-3, f.Scalar("""
            SELECT l.quantity FROM stock_ledger l JOIN stock_batches b ON b.id = l.batch_id WHERE b.batch_number = 'KALS-WEB' AND l.kind = 'opname'
            """));
    }
}
