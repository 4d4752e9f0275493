using System.Globalization;
using Simpus.Core.Ages;
using Simpus.Core.Data;
using Simpus.District.Tests.Infrastructure;
using Simpus.Exchange;
using Simpus.Tests.Shared;

namespace Simpus.District.Tests.Packages;

/// <summary>
/// The district workbook printed with LibreOffice (the Dinas prints it on A4 or F4): before its page setup, one puskesmas
/// came out as 36 Letter-portrait pages. Packages as full as a real month's (LB1 over 60 codes, every report element).
/// </summary>
public sealed class WorkbookPrintTests : IAsyncLifetime
{
    private DistrictServer _district = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        _district = await DistrictServer.StartAsync(extra: "--Simpus:District:Paper=A4");
        _folder = TestFolders.New("print");
    }

    public async Task DisposeAsync()
    {
        await _district.DisposeAsync();
        TestFolders.TryDelete(_folder);
    }

    [Fact]
    public async Task One_puskesmas_prints_on_a_few_A4_landscape_pages_with_lb1_heads_on_every_lb1_page()
    {
        var month = TestPackages.LastMonth;
        await SendAsync(month, ("P001", "Puskesmas Sukamaju"));

        var pages = await PrintAsync(month);

        Assert.All(pages, p =>
        {
            Assert.Equal(841.9, p.Width, 0.5);
            Assert.Equal(595.3, p.Height, 0.5);
        });
        Assert.InRange(pages.Count, 9, 14);
        var lb1 = Of(pages, "LB1 Kabupaten");
        Assert.InRange(lb1.Count, 1, 3);
        Assert.All(lb1, p =>
        {
            Assert.Contains("ICD-10", p.Text);
            Assert.Contains("Nama penyakit", p.Text);
            Assert.Contains("Kasus Baru", p.Text);
            Assert.Contains("20–44 th", p.Text);
        });
        Assert.Single(Of(pages, "Status Pelaporan"));
        Assert.Single(Of(pages, "Kinerja"));
    }

    [Fact]
    public async Task Twenty_five_puskesmas_print_their_columns_on_pages_across_with_codes_and_names_repeated()
    {
        var month = TestPackages.LastMonth;
        var clinics = Enumerable.Range(1, 25).Select(i => (string.Create(CultureInfo.InvariantCulture, $"P{i:000}"), "Puskesmas Nomor " + i)).ToArray();
        await SendAsync(month, clinics);

        var pages = await PrintAsync(month);

        var perPuskesmas = Of(pages, "LB1 per Puskesmas");
        Assert.True(perPuskesmas.Count >= 2);
        Assert.All(perPuskesmas, p =>
        {
            Assert.Contains("ICD-10", p.Text);
            Assert.Contains("Nama penyakit", p.Text);
        });
        Assert.Contains(perPuskesmas, p => p.Text.Contains("Nomor 25", StringComparison.Ordinal) && p.Text.Contains("Kabupaten", StringComparison.Ordinal));
        var visits = Of(pages, "Kunjungan");
        Assert.All(visits, p => Assert.Contains("Keterangan", p.Text));
        Assert.All(pages, p => Assert.Equal(841.9, p.Width, 0.5));
    }

    private async Task<IReadOnlyList<PdfTools.Page>> PrintAsync(MonthPeriod month)
    {
        var response = await (await _district.AdminAsync()).GetAsync($"/api/reports/monthly?month={month}");
        response.EnsureSuccessStatusCode();
        var xlsx = Path.Combine(_folder, $"dinkes-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(xlsx, await response.Content.ReadAsByteArrayAsync());
        var pdf = PdfTools.ConvertWithLibreOffice(xlsx);
        PdfTools.KeepForLooking(pdf, $"dinkes-{month}-{Guid.NewGuid().ToString("N")[..6]}.pdf");
        return PdfTools.Pages(pdf);
    }

    private static IReadOnlyList<PdfTools.Page> Of(IReadOnlyList<PdfTools.Page> pages, string sheet) =>
        pages.Where(p => p.Text.Split('\n').Last(l => l.Contains("Halaman", StringComparison.Ordinal)).TrimStart()
            .StartsWith(sheet + "  ", StringComparison.Ordinal)).ToList();

    private async Task SendAsync(MonthPeriod month, params (string Code, string Name)[] clinics)
    {
        var codes = ReferenceData.Rows("icd10.csv").Select(r => r[0]).Where(c => c.Length == 3).Take(60).ToList();
        foreach (var (code, name) in clinics)
        {
            var key = await _district.RegisterAsync(code, name);
            var values = new List<PackageValue>();
            var n = 0;
            foreach (var icd in codes)
            {
                n++;
                values.Add(TestPackages.Value("LB1.BARU", 1 + n % 7, ("code", icd), ("sex", n % 2 == 0 ? "L" : "P"), ("ageBand", AgeBands.Lb1[n % 12].Code)));
                values.Add(TestPackages.Value("LB1.LAMA", n % 3, ("code", icd), ("sex", "P")));
            }
            foreach (var poli in new[] { "umum", "gigi", "kia", "anak", "lansia", "ugd", "lab" })
            {
                values.Add(TestPackages.Value("KUNJUNGAN.POLI", 100, ("poli", poli)));
                values.Add(TestPackages.Value("TUNGGU.KUNJUNGAN", 90, ("poli", poli)));
                values.Add(TestPackages.Value("TUNGGU.DALAM_TARGET", 70, ("poli", poli)));
            }
            foreach (var payer in new[] { "umum", "bpjs-pbi", "bpjs-non-pbi", "jamkesda", "gratis" })
            {
                values.Add(TestPackages.Value("KUNJUNGAN.PAYER", 140, ("payer", payer)));
                values.Add(TestPackages.Value("JAMINAN.PASIEN", 120, ("payer", payer)));
            }
            foreach (var band in AgeBands.Lb1)
            {
                values.Add(TestPackages.Value("KUNJUNGAN.UMUR", 30, ("ageBand", band.Code), ("sex", "L")));
                values.Add(TestPackages.Value("KUNJUNGAN.UMUR", 28, ("ageBand", band.Code), ("sex", "P")));
            }
            foreach (var k in new[] { "K1", "K4", "K6", "PN", "KF_LENGKAP", "KN1", "KN_LENGKAP", "IDL", "D" })
            {
                values.Add(TestPackages.Value("KIA." + k, 12));
            }
            foreach (var unit in new[] { "Umum", "Gigi", "KIA", "UGD" })
            {
                foreach (var e in new[] { "PEGAWAI", "HARI_KERJA", "HADIR", "SAKIT", "TL", "PSW" })
                {
                    values.Add(TestPackages.Value("ABSENSI." + e, 5, ("unit", unit)));
                }
            }
            values.Add(TestPackages.Value("KUNJUNGAN", 350, ("type", "baru"), ("sex", "L")));
            values.Add(TestPackages.Value("KUNJUNGAN", 350, ("type", "lama"), ("sex", "P")));
            values.Add(TestPackages.Value("RUJUKAN", 9));
            values.Add(TestPackages.Value("UGD", 100));
            var package = TestPackages.Package(code, month) with { PuskesmasName = name, Values = values };
            (await _district.Anonymous().PostPackageAsync(TestPackages.File(package, key))).EnsureSuccessStatusCode();
        }
    }
}
