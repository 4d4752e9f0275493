using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClosedXML.Excel;
using Microsoft.Playwright;
using Simpus.District.Dashboard;
using Simpus.District.Tests.Infrastructure;
using Simpus.Exchange;

namespace Simpus.District.Tests.Dashboard;

public sealed class LatestDueMonthTests
{
    [Theory]
    [InlineData("2026-11-10", 10, "2026-09")]   // the due day itself has not passed yet
    [InlineData("2026-11-11", 10, "2026-10")]
    [InlineData("2026-11-30", 10, "2026-10")]
    [InlineData("2026-01-05", 10, "2025-11")]
    [InlineData("2026-01-11", 10, "2025-12")]
    [InlineData("2026-03-02", 1, "2026-02")]
    [InlineData("2026-03-01", 1, "2026-01")]
    public void The_dashboard_opens_on_the_latest_month_whose_due_day_has_passed(string today, int dueDay, string expected) =>
        Assert.Equal(expected, DistrictDashboard.LatestDueMonth(DateOnly.Parse(today, CultureInfo.InvariantCulture), dueDay).ToString());

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_middle_two_and_unknown_values_do_not_count() =>
        Assert.Equal((5m, 4.5m, null), (DistrictDashboard.Median([9, null, 5, 1]), DistrictDashboard.Median([9, 4, 5, 1]), DistrictDashboard.Median([null])));
}

/// <summary>Three puskesmas report the latest month that is due (and two the month before), a fourth has not reported.</summary>
public sealed class ReportingDistrict : IAsyncLifetime
{
    public static readonly MonthPeriod Due = DistrictDashboard.LatestDueMonth(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)), 10);

    public DistrictServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await DistrictServer.StartAsync();
        var client = Server.Anonymous();
        var sizes = new[] { 900, 400, 1500, 0 };
        for (var i = 0; i < sizes.Length; i++)
        {
            var code = $"P00{i + 1}";
            var key = await Server.RegisterAsync(code, $"Puskesmas {"Sukamaju Mekarsari Sindangsari Cibodas".Split(' ')[i]}");
            if (sizes[i] == 0)
            {
                continue;
            }
            foreach (var (period, n) in new[] { (Due, sizes[i]), (Due.AddMonths(-1), sizes[i] - 50) }.Take(i < 2 ? 2 : 1))
            {
                var response = await client.PostPackageAsync(TestPackages.File(Package(code, period, n), key));
                Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            }
        }
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>A month of a puskesmas with <paramref name="n"/> visits and everything the indicators need, in proportions that differ by size.</summary>
    private static MonthlyPackage Package(string code, MonthPeriod period, int n) => new()
    {
        PuskesmasCode = code,
        PuskesmasName = "Puskesmas " + code,
        Period = period,
        Revision = 1,
        GeneratedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
        Values =
        [
            V("KUNJUNGAN", n / 10, ("type", "baru"), ("sex", "L")),
            V("KUNJUNGAN", n / 8, ("type", "baru"), ("sex", "P")),
            V("KUNJUNGAN", n / 3, ("type", "lama"), ("sex", "L")),
            V("KUNJUNGAN", n - n / 10 - n / 8 - n / 3, ("type", "lama"), ("sex", "P")),
            V("KUNJUNGAN.POLI", n * 2 / 3, ("poli", "umum")),
            V("KUNJUNGAN.POLI", n - n * 2 / 3, ("poli", "kia")),
            V("KUNJUNGAN.PAYER", n / 2, ("payer", "bpjs-pbi")),
            V("KUNJUNGAN.PAYER", n / 5, ("payer", "jamkesda")),
            V("KUNJUNGAN.PAYER", n - n / 2 - n / 5, ("payer", "umum")),
            V("LB1.BARU", n / 9, ("code", "J06.9"), ("sex", "L"), ("ageBand", "20-44")),
            V("LB1.BARU", n / 11, ("code", "J06.9"), ("sex", "P"), ("ageBand", "1-4")),
            V("LB1.BARU", n / 20, ("code", "A09"), ("sex", "P"), ("ageBand", "1-4")),
            V("LB1.BARU", 3 + n / 40, ("code", "I10"), ("sex", "L"), ("ageBand", "45-54")),
            V("LB1.BARU", n % 7 + 1, ("code", "K30"), ("sex", "P"), ("ageBand", "20-44")),
            V("LB1.LAMA", n / 15, ("code", "I10"), ("sex", "P")),
            V("KIA.K1", n / 60),
            V("KIA.K4", n / 90),
            V("KIA.SASARAN", n / 3, ("indicator", "K1")),
            V("KIA.SASARAN", n / 3, ("indicator", "K4")),
            V("KIA.D", n / 4),
            V("KIA.S", n / 2),
            V("TUNGGU.KUNJUNGAN", n - 10, ("poli", "umum")),
            V("TUNGGU.DALAM_TARGET", (n - 10) * (n % 3 + 5) / 10, ("poli", "umum")),
            V("ABSENSI.PEGAWAI", 20, ("unit", "Umum")),
            V("ABSENSI.HADIR", 400 - n / 50, ("unit", "Umum")),
            V("ABSENSI.SAKIT", 5, ("unit", "Umum")),
            V("ABSENSI.TK", n / 300, ("unit", "Umum")),
            V("ABSENSI.TL", 20 + n / 40, ("unit", "Umum")),
            V("RUJUKAN", n / 30),
            // P003 counts only BPJS PBI as a payer for the poor (its own setting, sent since packages carry KUNJUNGAN.MISKIN);
            // the others are packages from before that and go by the default codes.
            .. code == "P003" ? new[] { V("KUNJUNGAN.MISKIN", n / 2) } : [],
        ],
    };

    private static PackageValue V(string element, decimal value, params (string Key, string Value)[] parts) => TestPackages.Value(element, value, parts);
}

/// <summary>The district dashboard: opens on the latest month due, its charts equal the district workbook, DHIS2 downloads a file.</summary>
[Collection("browser")]
public sealed class DistrictDashboardTests(BrowserFixture browser, ReportingDistrict district) : IClassFixture<ReportingDistrict>
{
    private static async Task<(IReadOnlyList<string> Labels, IReadOnlyList<IReadOnlyList<decimal?>> Data)> ChartAsync(IPage page, string id)
    {
        var json = await page.EvaluateAsync<JsonElement>("id => { const c = Chart.getChart(id); return { labels: c.data.labels.map(String), data: c.data.datasets.map(d => d.data) }; }", id);
        return (json.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToList(),
            json.GetProperty("data").EnumerateArray().Select(d => (IReadOnlyList<decimal?>)d.EnumerateArray()
                .Select(v => v.ValueKind == JsonValueKind.Number ? Math.Round(v.GetDecimal(), 1) : (decimal?)null).ToList()).ToList());
    }

    private async Task<IPage> OpenAsync()
    {
        var page = await browser.LoginAsync(district.Server, "/");
        await page.WaitForSelectorAsync("body[data-siap]", new() { Timeout = 120_000 });
        return page;
    }

    [Fact]
    public async Task It_opens_on_the_latest_month_that_is_due_and_shows_performance_not_only_data_quality()
    {
        var page = await OpenAsync();

        await Assertions.Expect(page.Locator("#bulan")).ToHaveValueAsync(ReportingDistrict.Due.ToString());
        Assert.Equal(ReportingDistrict.Due.ToString(), await page.Locator("body").GetAttributeAsync("data-siap"));
        Assert.True(ReportingDistrict.Due.Next.FirstDay.AddDays(9) < DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)), "the month shown is due");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(ReportingDistrict.Due.Label);
        await Assertions.Expect(page.Locator("#kartu")).ToContainTextAsync("3 dari 4 puskesmas");
        await Assertions.Expect(page.Locator("#terlambat")).ToContainTextAsync("Belum lapor: Puskesmas Cibodas");
        foreach (var chart in new[] { "gPeringkat", "gIndikator", "gIndikatorTren", "gMutuTren", "g10" })
        {
            Assert.NotEmpty((await ChartAsync(page, chart)).Labels);
        }
        Assert.Equal(0, await page.Locator("script:not([src])").CountAsync());
        await SaveScreenshotAsync(page, "dinkes-dasbor");
    }

    [Fact]
    public async Task Every_chart_shows_the_numbers_of_the_district_workbook_of_the_same_month()
    {
        var month = ReportingDistrict.Due.ToString();
        var admin = await district.Server.AdminAsync();
        using var book = new XLWorkbook(await admin.GetStreamAsync($"/api/reports/monthly?month={month}"));
        var page = await OpenAsync();

        // Ranking: the Kinerja sheet's order and scores, and each of its indicators per puskesmas.
        var kinerja = book.Worksheet("Kinerja");
        var headers = kinerja.Row(4).CellsUsed().ToDictionary(c => c.GetString(), c => c.Address.ColumnNumber);
        var all = Enumerable.Range(5, 10).Select(kinerja.Row).Where(r => r.Cell(2).GetString().Length > 0).ToList();
        var rows = all.Where(r => r.Cell(1).GetString() != "–").ToList();
        Assert.Equal(3, rows.Count);
        var ranking = await ChartAsync(page, "gPeringkat");
        Assert.Equal(rows.Select(r => r.Cell(3).GetString()), ranking.Labels);
        Assert.Equal(rows.Select(r => (decimal?)Math.Round((decimal)r.Cell(4).GetDouble(), 1)), ranking.Data[0]);
        var response = await admin.GetFromJsonAsync<JsonElement>($"/api/dashboard?month={month}");
        var indicators = response.GetProperty("indicators").EnumerateArray().ToList();
        // P003 sends its own count of visits under payers for the poor (BPJS PBI only there): 750 of 1,500, not the 1,050 of the default codes.
        var p003 = response.GetProperty("puskesmas").EnumerateArray().Single(p => p.GetProperty("code").GetString() == "P003");
        Assert.Equal(50.0m, p003.GetProperty("values").GetProperty("MISKIN").GetDecimal());
        var compared = 0;
        for (var i = 0; i < indicators.Count; i++)
        {
            var name = indicators[i].GetProperty("name").GetString()!;
            await page.Locator("#indikatorPilih button").Nth(i).ClickAsync();
            await Assertions.Expect(page.Locator("#indikatorPilih button").Nth(i)).ToHaveAttributeAsync("aria-pressed", "true");
            var chart = await ChartAsync(page, "gIndikator");
            var expected = ExpectedPerPuskesmas(book, name, headers, all);
            if (expected is null)
            {
                continue;
            }
            var ordered = expected.OrderByDescending(x => x.Value).ThenBy(x => x.Name, StringComparer.Ordinal).ToList();
            Assert.Equal(ordered.Select(x => x.Name), chart.Labels);
            Assert.Equal(ordered.Select(x => (decimal?)x.Value), chart.Data[0]);
            compared++;
        }
        Assert.True(compared >= 7, $"compared {compared} indicators with the workbook");

        // The district's ten diseases: per code the puskesmas add up to LB1 Kabupaten's new cases.
        var lb1 = book.Worksheet("LB1 Kabupaten");
        var newTotal = lb1.Row(4).CellsUsed().First(c => c.GetString() == "Kasus Baru").Address.ColumnNumber + 2;
        var byCode = lb1.RowsUsed().Where(r => r.RowNumber() > 5 && r.Cell(1).GetString() != "Jumlah")
            .ToDictionary(r => r.Cell(1).GetString(), r => (decimal)r.Cell(newTotal).GetDouble());
        var diseases = await ChartAsync(page, "g10");
        Assert.Equal(byCode.OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal).Take(10).Select(x => x.Key),
            diseases.Labels.Select(l => l.Split(' ')[0]));
        for (var i = 0; i < diseases.Labels.Count; i++)
        {
            Assert.Equal(byCode[diseases.Labels[i].Split(' ')[0]], diseases.Data.Sum(d => d[i] ?? 0));
        }
    }

    /// <summary>Per reporting puskesmas, the workbook's value of the indicator named <paramref name="name"/> (null: not in the workbook).</summary>
    private static List<(string Name, decimal Value)>? ExpectedPerPuskesmas(XLWorkbook book, string name, Dictionary<string, int> kinerjaHeaders, List<IXLRow> kinerjaRows)
    {
        if (kinerjaHeaders.TryGetValue(name, out var column))
        {
            return kinerjaRows.Where(r => !r.Cell(column).IsEmpty()).Select(r => (r.Cell(3).GetString(), Math.Round((decimal)r.Cell(column).GetDouble(), 1))).ToList();
        }
        var sheet = book.Worksheet("Kunjungan");
        var names = sheet.Row(4).CellsUsed().Where(c => c.Address.ColumnNumber >= 4).ToDictionary(c => c.Address.ColumnNumber, c => c.GetString());
        decimal Sum(string element, int col, string? detail = null) => sheet.RowsUsed()
            .Where(r => r.Cell(1).GetString() == element && (detail is null || r.Cell(2).GetString().Contains(detail, StringComparison.Ordinal)))
            .Sum(r => (decimal)r.Cell(col).GetDouble());
        var reporting = kinerjaRows.Where(r => r.Cell(1).GetString() != "–").Select(r => r.Cell(3).GetString()).ToHashSet();
        var columns = names.Where(n => reporting.Contains(n.Value)).ToList();
        return name switch
        {
            "Jumlah kunjungan" => columns.Select(c => (c.Value, Sum("KUNJUNGAN", c.Key))).ToList(),
            "Kunjungan baru (% kunjungan)" => columns.Select(c => (c.Value, Math.Round(100m * Sum("KUNJUNGAN", c.Key, "type=baru") / Sum("KUNJUNGAN", c.Key), 1))).ToList(),
            "Kunjungan penduduk miskin (%)" => columns.Select(c => (c.Value, Math.Round(100m * (sheet.RowsUsed().Any(r => r.Cell(1).GetString() == "KUNJUNGAN.MISKIN" && !r.Cell(c.Key).IsEmpty())
                    ? Sum("KUNJUNGAN.MISKIN", c.Key)
                    : Sum("KUNJUNGAN.PAYER", c.Key, "payer=bpjs-pbi") + Sum("KUNJUNGAN.PAYER", c.Key, "payer=jamkesda"))
                / Sum("KUNJUNGAN.PAYER", c.Key), 1))).ToList(),
            _ => null,
        };
    }

    [Fact]
    public async Task The_dhis2_link_downloads_a_json_file_named_after_the_month()
    {
        var page = await OpenAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#dhis2"));

        Assert.Equal($"dhis2-dataValueSets-{ReportingDistrict.Due}.json", download.SuggestedFilename);
        using var file = JsonDocument.Parse(await File.ReadAllTextAsync((await download.PathAsync())!));
        Assert.True(file.RootElement.GetProperty("dataValues").GetArrayLength() > 20);
        var response = await (await district.Server.AdminAsync()).GetAsync($"/api/dhis2/dataValueSets?month={ReportingDistrict.Due}");
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_dashboard_api_answers_the_latest_due_month_by_default_and_names_a_bad_month()
    {
        var admin = await district.Server.AdminAsync();

        var byDefault = await admin.GetFromJsonAsync<JsonElement>("/api/dashboard");
        var bad = await admin.GetAsync("/api/dashboard?month=2026-13");
        var anonymous = await district.Server.Anonymous().GetAsync("/api/dashboard");

        Assert.Equal(ReportingDistrict.Due.ToString(), byDefault.GetProperty("month").GetString());
        Assert.Equal(ReportingDistrict.Due.ToString(), byDefault.GetProperty("latestDueMonth").GetString());
        Assert.Equal(12, byDefault.GetProperty("trend").GetArrayLength());
        Assert.Equal(2, byDefault.GetProperty("trend")[10].GetProperty("received").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("month.invalid", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes").GetProperty("month")[0].GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_package_arriving_for_a_month_shows_at_once_although_the_dashboard_keeps_its_figures()
    {
        await using var server = await DistrictServer.StartAsync();
        var key = await server.RegisterAsync("P009", "Puskesmas Baru");
        var admin = await server.AdminAsync();
        var month = ReportingDistrict.Due.ToString();
        var before = await admin.GetFromJsonAsync<JsonElement>($"/api/dashboard?month={month}");

        var accepted = await server.Anonymous().PostPackageAsync(TestPackages.File(TestPackages.Package("P009", ReportingDistrict.Due, visits: 240), key));
        var after = await admin.GetFromJsonAsync<JsonElement>($"/api/dashboard?month={month}");

        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal(0, before.GetProperty("received").GetInt32());
        Assert.Equal(1, after.GetProperty("received").GetInt32());
        Assert.Equal(240m, after.GetProperty("puskesmas")[0].GetProperty("values").GetProperty("KUNJUNGAN").GetDecimal());
        Assert.Equal(1, after.GetProperty("trend")[11].GetProperty("received").GetInt32());
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
