using System.Globalization;
using System.Text.Json;
using ClosedXML.Excel;
using Microsoft.Playwright;
using Simpus.Clinic.Tests.Infrastructure;

namespace Simpus.Clinic.Tests.Dashboard;

/// <summary>The demo puskesmas (a year of visits, KIA, attendance), shared by the dashboard page tests.</summary>
public sealed class DemoClinic : IAsyncLifetime
{
    public const string Password = Simpus.Clinic.Demo.DemoRunner.DemoPassword;

    public ClinicServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ClinicServer.StartAsync("--demo", "--Simpus:Dashboard:WarmupDelaySeconds=-1");

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// The head's dashboard in Chromium on the demo data: every chart's numbers (read from Chart.js) equal the monthly workbook of
/// the same month read back with ClosedXML; a bar opens the list behind it; the head lands on it; /laporan has the menu.
/// </summary>
[Collection("browser")]
public sealed class DashboardPageTests(BrowserFixture browser, DemoClinic demo) : IClassFixture<DemoClinic>
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    private static string MonthText(DateOnly d) => d.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private async Task<XLWorkbook> WorkbookAsync(string month)
    {
        var head = await demo.Server.LoginAsync("kepala", DemoClinic.Password);
        var response = await head.GetAsync($"/api/reports/monthly?month={month}");
        response.EnsureSuccessStatusCode();
        return new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
    }

    private async Task<IPage> DashboardAsync(string month)
    {
        var page = await browser.LoginAsync(demo.Server, "kepala", DemoClinic.Password, "/");
        await page.GotoAsync($"/?month={month}");
        await page.WaitForSelectorAsync($"body[data-siap='{month}']", new() { Timeout = 180_000 });
        return page;
    }

    /// <summary>A chart's labels and datasets as Chart.js holds them.</summary>
    private static async Task<Chart> ChartAsync(IPage page, string id)
    {
        var json = await page.EvaluateAsync<JsonElement>("""
            id => {
              const c = Chart.getChart(id);
              return { labels: c.data.labels.map(String), datasets: c.data.datasets.map(d => ({ label: d.label, data: d.data, capaian: d.capaian || null })) };
            }
            """, id);
        return new Chart(
            json.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToList(),
            json.GetProperty("datasets").EnumerateArray().Select(d => new Dataset(
                d.GetProperty("label").GetString()!,
                d.GetProperty("data").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : (decimal?)null).ToList(),
                d.GetProperty("capaian").ValueKind == JsonValueKind.Array ? d.GetProperty("capaian").EnumerateArray().Select(v => v.GetDecimal()).ToList() : null)).ToList());
    }

    private sealed record Chart(IReadOnlyList<string> Labels, IReadOnlyList<Dataset> Datasets);

    private sealed record Dataset(string Label, IReadOnlyList<decimal?> Data, IReadOnlyList<decimal>? Capaian);

    [Fact]
    public async Task Every_chart_shows_the_numbers_of_the_monthly_workbook_of_the_same_month()
    {
        var first = new DateOnly(Today.Year, Today.Month, 1).AddMonths(-1);
        var month = MonthText(first);
        using var book = await WorkbookAsync(month);
        using var before = await WorkbookAsync(MonthText(first.AddMonths(-1)));
        var page = await DashboardAsync(month);
        await SaveScreenshotAsync(page, "dasbor");

        // Kunjungan per poli (baru/lama) = Kunjungan sheet, section B; the last month of the trend = section A.
        var poli = Sheet.Section(book.Worksheet("Kunjungan"), "B. Kunjungan menurut poli");
        var gPoli = await ChartAsync(page, "gPoli");
        Assert.Equal(poli.Select(r => r.Text(1)), gPoli.Labels);
        Assert.Equal(poli.Select(r => r.Number(2)), gPoli.Datasets[0].Data);
        Assert.Equal(poli.Select(r => r.Number(3)), gPoli.Datasets[1].Data);
        Assert.True(gPoli.Datasets[1].Data.Sum() > 100, "the demo month has visits");
        var types = Sheet.Section(book.Worksheet("Kunjungan"), "A. Kunjungan menurut jenis dan jenis kelamin");
        var gTren = await ChartAsync(page, "gTren");
        Assert.Equal(12, gTren.Labels.Count);
        Assert.Equal(types[0].Number(4), gTren.Datasets[0].Data[^1]);
        Assert.Equal(types[1].Number(4), gTren.Datasets[1].Data[^1]);

        // 10 besar = the 10 Besar sheet; last month's bars = last month's LB1 new cases of the same codes.
        var top = Sheet.Rows(book.Worksheet("10 Besar"), "Kode ICD-10", 2).TakeWhile(r => r.Text(2) != "").ToList();
        var g10 = await ChartAsync(page, "g10");
        Assert.Equal(10, top.Count);
        Assert.Equal(top.Select(r => r.Text(2)), g10.Labels.Select(l => l.Split(' ')[0]));
        Assert.Equal(top.Select(r => r.Number(6)), g10.Datasets[0].Data);
        var lb1 = Sheet.Lb1NewCases(before.Worksheet("LB1"));
        Assert.Equal(top.Select(r => (decimal?)lb1.GetValueOrDefault(r.Text(2))), g10.Datasets[1].Data);

        // Payers = the Jaminan sheet; the shares of the poor = its coverage section.
        var payers = Sheet.Rows(book.Worksheet("Jaminan"), "Jenis pembayaran", 1).TakeWhile(r => r.Text(1) != "Jumlah").Where(r => r.Number(3) > 0).ToList();
        var gBayar = await ChartAsync(page, "gBayar");
        Assert.Equal(payers.Select(r => r.Text(1)), gBayar.Labels);
        Assert.Equal(payers.Select(r => r.Number(3)), gBayar.Datasets[0].Data);
        var gMiskin = await ChartAsync(page, "gMiskin");
        Assert.Equal(Sheet.Find(book.Worksheet("Jaminan"), "Kunjungan penduduk miskin").Number(4), gMiskin.Datasets[0].Data[^1]);
        Assert.Equal(Sheet.Find(book.Worksheet("Jaminan"), "Pasien miskin (orang)").Number(6), gMiskin.Datasets[1].Data[^1]);

        // Waiting time median and p90 per poli = the Waktu Tunggu sheet, against its target.
        var waitingSheet = book.Worksheet("Waktu Tunggu");
        var waiting = Sheet.Rows(waitingSheet, "Poli", 1, headerRows: 2).TakeWhile(r => r.Text(1) != "Semua poli").Where(r => r.Number(3) > 0).ToList();
        var gTunggu = await ChartAsync(page, "gTunggu");
        Assert.Equal(waiting.Select(r => r.Text(1)), gTunggu.Labels);
        Assert.Equal(waiting.Select(r => r.Number(4)), gTunggu.Datasets[0].Data);
        Assert.Equal(waiting.Select(r => r.Number(5)), gTunggu.Datasets[1].Data);
        var target = decimal.Parse(new string(Sheet.FindText(waitingSheet, "Sesuai target").Where(char.IsAsciiDigit).ToArray()), CultureInfo.InvariantCulture);
        Assert.All(gTunggu.Datasets[2].Data, v => Assert.Equal(target, v));
        var gTungguTren = await ChartAsync(page, "gTungguTren");
        var all = Sheet.Find(waitingSheet, "Semua poli");
        Assert.Equal((all.Number(4), all.Number(5)), (gTungguTren.Datasets[0].Data[^1], gTungguTren.Datasets[1].Data[^1]));

        // Staff punctuality per unit = the Absensi sheet's unit totals.
        // (A unit without a present day has no rate on the dashboard, where the sheet writes 0.)
        var (units, unitColumn, rateColumn, presentColumn) = Sheet.UnitPunctuality(book);
        var gAbsen = await ChartAsync(page, "gAbsen");
        Assert.NotEmpty(units);
        Assert.Equal(units.Select(r => r.Text(unitColumn)), gAbsen.Labels);
        Assert.Equal(units.Select(r => r.Number(presentColumn) > 0 ? r.Number(rateColumn) : null), gAbsen.Datasets[0].Data);

        // KIA coverage against the PWS target = the KIA sheet; the PWS per desa adds up to its year to date, indicator by indicator.
        var kia = Sheet.Rows(book.Worksheet("KIA"), "Indikator", 2).TakeWhile(r => r.Number(1) is not null).ToList();
        var shown = kia.Where(r => r.Number(6) is not null || r.Number(9) is not null).ToList();
        var gKia = await ChartAsync(page, "gKia");
        Assert.Equal(shown.Select(r => r.Number(9)), gKia.Datasets[0].Data);
        Assert.Equal(shown.Select(r => r.Number(8)), gKia.Datasets[1].Data);
        var cumulative = kia.Where(r => r.Number(6) is not null).ToList();
        var buttons = page.Locator("#pwsPilih button");
        Assert.Equal(cumulative.Count, await buttons.CountAsync());
        for (var i = 0; i < cumulative.Count; i++)
        {
            await buttons.Nth(i).ClickAsync();
            await Assertions.Expect(buttons.Nth(i)).ToHaveAttributeAsync("aria-pressed", "true");
            var gPws = await ChartAsync(page, "gPws");
            Assert.Equal(cumulative[i].Number(6), gPws.Datasets[0].Capaian!.Sum());
            Assert.All(gPws.Datasets[1].Data, v => Assert.Equal(cumulative[i].Number(8), v));
            var gPwsTren = await ChartAsync(page, "gPwsTren");
            Assert.Equal(cumulative[i].Number(9), gPwsTren.Datasets[0].Data[^1]);
        }
    }

    [Fact]
    public async Task A_bar_opens_the_list_of_the_visits_it_counts()
    {
        var month = MonthText(new DateOnly(Today.Year, Today.Month, 1).AddMonths(-1));
        var page = await DashboardAsync(month);
        var bar = await ClickBarAsync(page, "gPoli", dataset: 1, index: 0);

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/laporan/kunjungan");
        var count = bar.GetProperty("value").GetInt32();
        await Assertions.Expect(page.Locator("#jumlah")).ToHaveTextAsync($"{count.ToString("N0", CultureInfo.GetCultureInfo("id-ID"))} kunjungan");
        await Assertions.Expect(page.Locator("#judul")).ToContainTextAsync(bar.GetProperty("label").GetString()!);
        await Assertions.Expect(page.Locator("#judul")).ToContainTextAsync("kunjungan lama");
        Assert.Equal(Math.Min(count, 200), await page.Locator("#daftar tr").CountAsync());
        await SaveScreenshotAsync(page, "daftar-kunjungan");
    }

    [Fact]
    public async Task The_punctuality_chart_opens_the_attendance_recap_of_the_same_month()
    {
        var month = MonthText(new DateOnly(Today.Year, Today.Month, 1).AddMonths(-1));
        var page = await DashboardAsync(month);

        await ClickBarAsync(page, "gAbsen", dataset: 0, index: 0);

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/absensi");
        Assert.EndsWith("?month=" + month, page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#month")).ToHaveValueAsync(month);
    }

    /// <summary>Clicks the middle of a bar as a person would (Playwright scrolls to it and waits until it is still) and answers its value and label.</summary>
    private static async Task<JsonElement> ClickBarAsync(IPage page, string chart, int dataset, int index)
    {
        var bar = await page.EvaluateAsync<JsonElement>("""
            ([id, ds, i]) => {
              const c = Chart.getChart(id);
              const el = c.getDatasetMeta(ds).data[i];
              const x = el.horizontal ? (el.x + el.base) / 2 : el.x;
              const y = el.horizontal ? el.y : (el.y + el.base) / 2;
              return { x, y, value: c.data.datasets[ds].data[i], label: String(c.data.labels[i]) };
            }
            """, new object[] { chart, dataset, index });
        await page.Locator("#" + chart).ClickAsync(new()
        {
            Position = new() { X = (float)bar.GetProperty("x").GetDouble(), Y = (float)bar.GetProperty("y").GetDouble() },
        });
        return bar;
    }

    [Fact]
    public async Task The_heads_home_page_is_the_dashboard_of_the_month_so_far_with_todays_queue()
    {
        var page = await browser.LoginAsync(demo.Server, "kepala", DemoClinic.Password, "/");
        var month = MonthText(Today);

        await page.WaitForSelectorAsync($"body[data-siap='{month}']", new() { Timeout = 180_000 });

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Puskesmas Sukamaju");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("s.d. hari ini");
        await Assertions.Expect(page.Locator("#hariIni")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#hariIniTabel tr")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("header.bar a.aktif")).ToHaveTextAsync("Beranda");
        Assert.Equal(12, (await ChartAsync(page, "gTren")).Labels.Count);
        Assert.True((await ChartAsync(page, "gTren")).Datasets[1].Data.Take(11).Sum() > 1000, "the trend shows the past months");

        // Today's queue names the number being served as the desk and the waiting room do (U-015), not a bare number.
        var head = await demo.Server.LoginAsync("kepala", DemoClinic.Password);
        using var queue = JsonDocument.Parse(await head.GetStringAsync("/api/queue"));
        var serving = queue.RootElement.EnumerateArray().Select(p => p.GetProperty("servingLabel").GetString() ?? "–").ToList();
        Assert.All(serving.Where(s => s != "–"), s => Assert.Matches("^[A-Z]+-[0-9]{3,}$", s));
        Assert.Equal(serving, await page.Locator("#hariIniTabel tr:nth-child(2) td").AllTextContentsAsync());

        // The pharmacy's alerts of today, as the apotek's own API lists them (issue 13.3: on the head's dashboard too).
        using var alerts = JsonDocument.Parse(await head.GetStringAsync("/api/pharmacy/alerts"));
        var expiring = alerts.RootElement.GetProperty("expiring").EnumerateArray().ToList();
        var expected = new[]
        {
            expiring.Count(e => e.GetProperty("expired").GetBoolean()),
            expiring.Count(e => !e.GetProperty("expired").GetBoolean()),
            alerts.RootElement.GetProperty("belowMinimum").GetArrayLength(),
            alerts.RootElement.GetProperty("outOfStockPrescribedToday").GetArrayLength(),
        }.Where(n => n > 0).ToList();
        Assert.NotEmpty(expected);   // the demo's apotek has something to act on
        await Assertions.Expect(page.Locator("#obat")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#obatDaftar li")).ToHaveCountAsync(expected.Count);
        Assert.Equal(expected.Select(n => n.ToString(CultureInfo.InvariantCulture)), await page.Locator("#obatDaftar li b").AllTextContentsAsync());
        await page.Locator("#obatDaftar li a").First.ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/apotek/stok");
        await page.GoBackAsync();
        await page.WaitForSelectorAsync($"body[data-siap='{month}']", new() { Timeout = 180_000 });
        await SaveScreenshotAsync(page, "beranda-kepala");
    }

    [Fact]
    public async Task The_report_page_has_the_shared_menu_and_opens_on_the_month_it_was_linked_with()
    {
        var month = MonthText(new DateOnly(Today.Year, Today.Month, 1).AddMonths(-2));
        var page = await browser.LoginAsync(demo.Server, "kepala", DemoClinic.Password, "/laporan");
        await page.GotoAsync("/laporan?month=" + month);

        await Assertions.Expect(page.Locator("header.bar a.aktif")).ToHaveTextAsync("Laporan");
        await Assertions.Expect(page.Locator("header.bar")).ToContainTextAsync("Beranda");
        await Assertions.Expect(page.Locator("header.bar")).ToContainTextAsync("Absensi");
        await Assertions.Expect(page.Locator("header.bar")).ToContainTextAsync("Keluar");
        await Assertions.Expect(page.Locator("#bulan")).ToHaveValueAsync(month);
        Assert.Equal(0, await page.Locator("script:not([src])").CountAsync());
        await SaveScreenshotAsync(page, "laporan");
    }

    /// <summary>Keeps a 1366×768 screenshot for people to look at when SIMPUS_SCREENSHOTS names a folder.</summary>
    private static async Task SaveScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("SIMPUS_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png") });
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + "-utuh.png"), FullPage = true });
        }
    }
}

/// <summary>Reads the monthly workbook's tables back by their labels (not by fixed row numbers).</summary>
internal static class Sheet
{
    public sealed record Row(IXLRow Cells)
    {
        public string Text(int column) => Cells.Cell(column).GetString().Trim();

        public decimal? Number(int column)
        {
            var cell = Cells.Cell(column);
            return cell.IsEmpty() ? null : Math.Round((decimal)cell.GetDouble(), 1);
        }
    }

    /// <summary>The rows under the header row whose column <paramref name="column"/> reads <paramref name="header"/>.</summary>
    public static IEnumerable<Row> Rows(IXLWorksheet ws, string header, int column, int headerRows = 1)
    {
        var head = ws.RowsUsed().First(r => r.Cell(column).GetString().Trim() == header).RowNumber();
        for (var n = head + headerRows; n <= ws.LastRowUsed()!.RowNumber(); n++)
        {
            yield return new Row(ws.Row(n));
        }
    }

    /// <summary>The body rows of a titled section (title, header row, rows until "Jumlah").</summary>
    public static List<Row> Section(IXLWorksheet ws, string title) =>
        Rows(ws, title, 1, headerRows: 2).TakeWhile(r => r.Text(1) != "Jumlah").ToList();

    public static Row Find(IXLWorksheet ws, string label) =>
        new(ws.RowsUsed().First(r => r.Cell(1).GetString().Trim() == label));

    public static string FindText(IXLWorksheet ws, string start) =>
        ws.CellsUsed().Select(c => c.GetString()).First(s => s.StartsWith(start, StringComparison.Ordinal));

    /// <summary>New cases (Kasus Baru Jml) per ICD-10 code of an LB1 sheet.</summary>
    public static Dictionary<string, int> Lb1NewCases(IXLWorksheet ws)
    {
        var head = ws.CellsUsed().First(c => c.GetString() == "Kasus Baru");
        var jml = head.Address.ColumnNumber + 2;
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in ws.RowsUsed().Where(r => r.RowNumber() > head.Address.RowNumber + 1))
        {
            var code = row.Cell(1).GetString().Trim();
            if (code.Length is >= 3 and <= 8 && char.IsAsciiLetterUpper(code[0]) && !row.Cell(jml).IsEmpty())
            {
                result[code] = (int)row.Cell(jml).GetDouble();
            }
        }
        return result;
    }

    /// <summary>The "Rekap per unit" rows and the columns of the unit, "Ketepatan waktu (%)" and "H", on whichever sheet holds them.</summary>
    public static (List<Row> Units, int UnitColumn, int RateColumn, int PresentColumn) UnitPunctuality(XLWorkbook book)
    {
        foreach (var ws in book.Worksheets)
        {
            var title = ws.CellsUsed().FirstOrDefault(c => c.GetString() == "Rekap per unit");
            if (title is null)
            {
                continue;
            }
            var header = ws.Row(title.Address.RowNumber + 1);
            int Column(string text) => header.CellsUsed().First(c => c.GetString() == text).Address.ColumnNumber;
            var unit = Column("Unit");
            var rows = new List<Row>();
            for (var n = header.RowNumber() + 1; ws.Row(n).Cell(unit).GetString() is { Length: > 0 } name && name != "Jumlah"; n++)
            {
                rows.Add(new Row(ws.Row(n)));
            }
            return (rows, unit, Column("Ketepatan waktu (%)"), Column("H"));
        }
        throw new InvalidOperationException("No 'Rekap per unit' in the workbook");
    }
}
