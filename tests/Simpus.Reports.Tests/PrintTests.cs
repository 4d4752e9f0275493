using System.Globalization;
using ClosedXML.Excel;
using Simpus.Core.Attendance;
using Simpus.Reports.Settings;
using Simpus.Tests.Shared;

namespace Simpus.Reports.Tests;

/// <summary>
/// The monthly pack printed as the puskesmas prints it: converted to PDF by LibreOffice, then pages, paper, repeated
/// header rows and printed font sizes read back with poppler. A month with 70 diagnosis codes (LB1 over several pages)
/// and 20 staff (Absensi). One conversion per paper size, shared by the tests of this class.
/// </summary>
public sealed class PrintTests : IClassFixture<PrintTests.PrintedPacks>
{
    private readonly PrintedPacks _packs;

    public PrintTests(PrintedPacks packs) => _packs = packs;

    public sealed class PrintedPacks : IDisposable
    {
        private readonly ReportDatabase _t = new();

        public PrintedPacks()
        {
            Seed(_t);
            A4 = Print("A4");
            F4 = Print("F4");
        }

        public Printed A4 { get; }

        public Printed F4 { get; }

        private Printed Print(string paper)
        {
            _t.ReportSettings.Save(new ReportSettings { Paper = paper });
            var report = _t.Builder((_, _) => Staff()).Build(2026, 10);
            var xlsx = _t.TempFile($"laporan-{paper}.xlsx");
            MonthlyWorkbookWriter.Save(report, xlsx);
            var pdf = PdfTools.ConvertWithLibreOffice(xlsx);
            PdfTools.KeepForLooking(pdf, $"laporan-bulanan-{paper}.pdf");
            using var wb = new XLWorkbook(xlsx);
            var scales = wb.Worksheets.ToDictionary(w => w.Name, w => w.PageSetup.Scale);
            return new Printed(pdf, PdfTools.Pages(pdf), scales);
        }

        public void Dispose() => _t.Dispose();
    }

    public sealed record Printed(string Pdf, IReadOnlyList<PdfTools.Page> Pages, IReadOnlyDictionary<string, int> Scales)
    {
        /// <summary>The pages of a sheet: the footer names the sheet at the left ("LB1 ... Halaman 2 dari 13").</summary>
        public IReadOnlyList<PdfTools.Page> Of(string sheet) =>
            Pages.Where(p => FooterLine(p).TrimStart().StartsWith(sheet + " ", StringComparison.Ordinal)).ToList();

        private static string FooterLine(PdfTools.Page p) =>
            p.Text.Split('\n').Last(l => l.Contains("Halaman", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_page_is_A4_landscape_and_every_sheet_prints()
    {
        var printed = _packs.A4;

        Assert.All(printed.Pages, p =>
        {
            Assert.Equal(841.9, p.Width, 0.5);
            Assert.Equal(595.3, p.Height, 0.5);
        });
        foreach (var sheet in MonthlyWorkbookWriter.SheetNames)
        {
            Assert.NotEmpty(printed.Of(sheet));
        }
        Assert.Equal(printed.Pages.Count, MonthlyWorkbookWriter.SheetNames.Sum(s => printed.Of(s).Count));
        Assert.Single(printed.Of("Ringkasan"));
        Assert.Single(printed.Of("KIA"));
        Assert.Single(printed.Of("Jaminan"));
        Assert.InRange(printed.Of("LB1").Count, 2, 5);          // 70 codes
        Assert.InRange(printed.Of("Absensi").Count, 2, 4);      // the day grid, then the totals
        Assert.InRange(printed.Pages.Count, 10, 18);          // 10 sheets; LPLPO and POR added two
    }

    [Fact]
    public void F4_paper_gives_folio_pages()
    {
        Assert.All(_packs.F4.Pages, p =>
        {
            Assert.Equal(936, p.Width, 1.0);
            Assert.Equal(612, p.Height, 1.0);
        });
        Assert.InRange(_packs.F4.Pages.Count, 9, 18);
    }

    [Fact]
    public void Lb1_header_rows_are_on_every_lb1_page()
    {
        var lb1 = _packs.A4.Of("LB1");

        Assert.True(lb1.Count >= 2);
        Assert.All(lb1, p =>
        {
            Assert.Contains("LAPORAN BULANAN DATA KESAKITAN (LB1)", p.Text);
            Assert.Contains("Nama penyakit", p.Text);
            Assert.Contains("Kasus Baru", p.Text);
            Assert.Contains("Kasus Lama", p.Text);
            Assert.Contains("20–44 th", p.Text);
        });
        Assert.Contains("Jumlah", lb1[^1].Text);
        Assert.Contains("Puskesmas: Puskesmas Uji (kode P3373040101)", lb1[0].Text); // the header block is not cut
    }

    [Fact]
    public void Lb1_prints_at_7_pt_or_more()
    {
        // Calibrate poppler's word box against Absensi, whose scale is explicit in the workbook (9 pt at that scale),
        // then read LB1's size from the same word box: 9 pt at whatever scale LibreOffice chose to fit one page wide.
        var absensi = _packs.A4.Of("Absensi")[0];
        var absensiScale = _packs.A4.Scales["Absensi"] / 100.0;
        var boxPerPoint = Height(_packs.A4.Pdf, absensi.Number, "Nama") / (9 * absensiScale);

        var lb1Size = Height(_packs.A4.Pdf, _packs.A4.Of("LB1")[0].Number, "A00") / boxPerPoint;

        Assert.True(lb1Size >= 7.0, $"LB1 prints at {lb1Size:0.0} pt");
        Assert.True(9 * absensiScale >= 7.0, $"Absensi prints at {9 * absensiScale:0.0} pt");
    }

    [Fact]
    public void Absensi_puts_the_day_grid_and_the_totals_on_pages_of_their_own()
    {
        var pages = _packs.A4.Of("Absensi");

        Assert.Contains(" 31", pages[0].Text);
        Assert.Contains("Pegawai Nomor 20", pages[0].Text);
        Assert.DoesNotContain("Ketepatan", pages[0].Text);
        Assert.Contains("Kode: H hadir", pages[0].Text);
        var totals = pages.Skip(1).ToList();
        Assert.Contains(totals, p => p.Text.Contains("Ketepatan", StringComparison.Ordinal) && p.Text.Contains("Pegawai Nomor 20", StringComparison.Ordinal)
            && p.Text.Contains("JUMLAH PER PEGAWAI", StringComparison.Ordinal));
        Assert.Contains(totals, p => p.Text.Contains("Rekap per unit", StringComparison.Ordinal));
        Assert.All(totals, p => Assert.DoesNotContain("Kode: H hadir", p.Text));
    }

    private static double Height(string pdf, int page, string word) =>
        PdfTools.Words(pdf, page).First(w => w.Text == word).Height;

    private static void Seed(ReportDatabase t)
    {
        // 70 codes with long Indonesian-looking names (they wrap), one new case each, spread over 10 patients and 7 days.
        var codes = Enumerable.Range(0, 70).Select(i => string.Create(CultureInfo.InvariantCulture, $"A{i:00}")).ToList();
        foreach (var code in codes)
        {
            t.Sql("INSERT OR IGNORE INTO icd10 (code, name_id, category) VALUES (@code, @name, @code)",
                new { code, name = $"Penyakit uji {code} dengan nama panjang yang harus dibungkus" });
        }
        var patients = Enumerable.Range(0, 10).Select(i => t.Patient(i % 2 == 0 ? "L" : "P", $"19{60 + i}-03-0{1 + i % 9}", "Pasien Uji " + (char)('A' + i))).ToList();
        for (var i = 0; i < codes.Count; i++)
        {
            var visit = t.Visit(patients[i % 10], $"2026-10-{1 + i / 10:00} 08:{i % 10:00}", "umum", "bpjs-pbi", 5, 10);
            t.Diagnosis(visit, codes[i], "baru", primary: true);
        }
    }

    private static AttendanceRecap Staff()
    {
        string?[] pattern = ["H", "H", "TL1", "L", "L", "H", "PSW4", "H", "TL2/PSW1", "H"];
        var employees = Enumerable.Range(1, 20).Select(i => new EmployeeRecap(
            string.Create(CultureInfo.InvariantCulture, $"1978051220050110{i:00}"), $"Pegawai Nomor {i}", "Perawat Pelaksana", i <= 10 ? "Umum" : "KIA",
            Enumerable.Range(0, 31).Select(d => pattern[(d + i) % pattern.Length]).ToList(),
            22, 21, 1, 0, 0, 0, 0, 0, 3, 2, 45, 85.7)).ToList();
        return new AttendanceRecap(2026, 10, employees,
            [new UnitRecap("Umum", 10, 220, 210, 10, 0, 0, 0, 0, 0, 30, 20, 450, 85.7), new UnitRecap("KIA", 10, 220, 210, 10, 0, 0, 0, 0, 0, 30, 20, 450, 85.7)]);
    }
}
