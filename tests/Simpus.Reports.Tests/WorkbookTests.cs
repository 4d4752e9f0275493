using ClosedXML.Excel;
using Simpus.Core.Attendance;
using Simpus.Reports.Lb1;

namespace Simpus.Reports.Tests;

public sealed class WorkbookTests : IDisposable
{
    private readonly ReportDatabase _t = new();

    public void Dispose() => _t.Dispose();

    private XLWorkbook Save(MonthlyReport report, ReportLayout layout = ReportLayout.Standard)
    {
        var path = _t.TempFile($"laporan-{Guid.NewGuid():N}.xlsx");
        MonthlyWorkbookWriter.Save(report, path, layout);
        return new XLWorkbook(path);
    }

    private static IXLRow RowOf(IXLWorksheet ws, int column, string text) =>
        ws.RowsUsed().First(r => r.Cell(column).GetString() == text);

    private static double Number(IXLCell cell)
    {
        Assert.Equal(XLDataType.Number, cell.DataType);
        return cell.GetDouble();
    }

    [Fact]
    public void The_saved_workbook_has_the_sheets_in_order_with_header_block_and_print_setup()
    {
        OctoberFixture.Seed(_t);
        using var wb = Save(_t.Build());

        Assert.Equal(MonthlyWorkbookWriter.SheetNames, wb.Worksheets.Select(w => w.Name));
        foreach (var ws in wb.Worksheets)
        {
            Assert.Equal("Puskesmas: Puskesmas Uji (kode P3373040101)", ws.Cell(2, 1).GetString());
            Assert.Equal("Bulan: Oktober 2026", ws.Cell(4, 1).GetString());
            Assert.StartsWith("Dibuat: 10-11-2026 09:00", ws.Cell(5, 1).GetString());
            Assert.True(ws.Cell(2, 2).IsEmpty(), ws.Name); // nothing beside the header lines: they run on uncut
            Assert.Equal(XLPageOrientation.Landscape, ws.PageSetup.PageOrientation);
            Assert.Equal(XLPaperSize.A4Paper, ws.PageSetup.PaperSize);
            if (ws.Name == "Absensi")
            {
                Assert.Single(ws.PageSetup.ColumnBreaks); // the day grid, then the totals
                Assert.InRange(ws.PageSetup.Scale, 60, 100);
            }
            else
            {
                Assert.Equal(1, ws.PageSetup.PagesWide);
            }
            Assert.Equal(1, ws.PageSetup.FirstRowToRepeatAtTop);
            Assert.True(ws.PageSetup.LastRowToRepeatAtTop >= 6, ws.Name);
            Assert.True(ws.SheetView.SplitRow >= 6, ws.Name); // the header block, and the table head where one table fills the sheet
            Assert.True(ws.Column(1).Width > 0 && ws.Column(2).Width > 0);
            Assert.Contains(ws.CellsUsed(), c => c.GetString().StartsWith("Kepala Puskesmas", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Lb1_sheet_has_code_name_bands_and_totals_as_numbers()
    {
        OctoberFixture.Seed(_t);
        using var wb = Save(_t.Build());
        var ws = wb.Worksheet("LB1");

        Assert.Equal("Kode ICD-10", ws.Cell(7, 1).GetString());
        Assert.Equal("0–7 hr", ws.Cell(7, 3).GetString());
        Assert.Equal("L", ws.Cell(8, 3).GetString());
        Assert.Equal(["A09", "E11.9", "I10", "J06.9", "Z00.0"], Enumerable.Range(9, 5).Select(r => ws.Cell(r, 1).GetString()));
        var j06 = RowOf(ws, 1, "J06.9");
        Assert.Equal("ISPA akut", j06.Cell(2).GetString());
        Assert.Equal(1, Number(j06.Cell(3 + 2 * 2 + 1)));  // 29 hr–<1 th, P
        Assert.Equal(3, Number(j06.Cell(27)));             // Kasus Baru L
        Assert.Equal(4, Number(j06.Cell(29)));             // Kasus Baru Jml
        Assert.Equal(1, Number(j06.Cell(32)));             // Kasus Lama Jml
        Assert.Equal(5, Number(j06.Cell(33)));             // Total
        var total = RowOf(ws, 2, "Jumlah");
        Assert.Equal(8, Number(total.Cell(29)));
        Assert.Equal(3, Number(total.Cell(32)));
        Assert.Equal(11, Number(total.Cell(33)));
        Assert.Equal(Enumerable.Range(9, 5).Sum(r => Number(ws.Cell(r, 33))), Number(total.Cell(33)));
    }

    [Fact]
    public void Sikda_layout_splits_each_band_into_baru_and_lama_by_sex()
    {
        OctoberFixture.Seed(_t);
        using var wb = Save(_t.Build(), ReportLayout.Sikda);
        var ws = wb.Worksheet("LB1");

        Assert.Equal("Baru", ws.Cell(8, 3).GetString());
        Assert.Equal("Lama", ws.Cell(8, 5).GetString());
        var i10 = RowOf(ws, 1, "I10");
        Assert.Equal(1, Number(i10.Cell(3 + 10 * 4 + 1)));  // 60–69 th, Baru P
        Assert.Equal(1, Number(i10.Cell(3 + 9 * 4 + 3)));   // 55–59 th, Lama P (KKL)
        Assert.Equal(2, Number(i10.Cell(3 + 12 * 4 + 6)));  // Total
    }

    [Fact]
    public void Other_sheets_read_right()
    {
        OctoberFixture.Seed(_t);
        using var wb = Save(_t.Build());

        var top = wb.Worksheet("10 Besar");
        Assert.Equal("J06.9", top.Cell(8, 2).GetString());
        Assert.Equal(4, Number(top.Cell(8, 6)));
        Assert.Equal(57.1, Number(top.Cell(8, 7)));
        Assert.DoesNotContain(top.RowsUsed(), r => r.Cell(2).GetString() == "Z00.0");
        var visits = wb.Worksheet("Kunjungan");
        Assert.Equal(7, Number(RowOf(visits, 1, "Kunjungan baru").Cell(4)));
        Assert.Equal(5, Number(RowOf(visits, 1, "Poli Anak/MTBS").Cell(4)));
        Assert.Equal(1, Number(RowOf(visits, 1, "Rujukan keluar").Cell(4)));
        Assert.Equal(1, Number(RowOf(visits, 1, "Kunjungan UGD").Cell(4)));
        var payers = wb.Worksheet("Jaminan");
        Assert.Equal(5, Number(RowOf(payers, 1, "BPJS PBI").Cell(3)));
        Assert.Equal(66.7, Number(RowOf(payers, 1, "Kunjungan penduduk miskin").Cell(4)), 1);
        var waiting = wb.Worksheet("Waktu Tunggu");
        var anak = RowOf(waiting, 1, "Poli Anak/MTBS");
        Assert.Equal(20, Number(anak.Cell(4)));
        Assert.Equal(45, Number(anak.Cell(5)));
        Assert.Equal(75, Number(anak.Cell(10)));
        var summary = wb.Worksheet("Ringkasan");
        Assert.Equal("Oktober 2026", summary.Cell(7, 2).GetString());
        Assert.Equal(XLDataType.Text, summary.Cell(7, 3).DataType);   // "September 2026" stays text, not a date
        Assert.Equal("September 2026", summary.Cell(7, 3).GetString());
        Assert.Equal(9, Number(RowOf(summary, 1, "Jumlah kunjungan").Cell(2)));
        Assert.Equal(1, Number(RowOf(summary, 1, "Jumlah kunjungan").Cell(3)));
        var kia = wb.Worksheet("KIA");
        Assert.True(kia.Cell(8, 9).IsEmpty());    // K1 coverage unknown without sasaran: empty, not 0
    }

    [Fact]
    public void Attendance_sheet_shows_the_day_grid_totals_and_units()
    {
        var recap = new AttendanceRecap(2026, 10,
            [new EmployeeRecap("197805122005011003", "dr. Bambang", "Kepala Puskesmas", "Umum",
                Enumerable.Range(1, 31).Select(d => d == 4 ? "L" : d == 5 ? "TL1" : (string?)"H").ToList(),
                22, 22, 0, 0, 0, 0, 0, 0, 1, 0, 12, 95.5)],
            [new UnitRecap("Umum", 1, 22, 22, 0, 0, 0, 0, 0, 0, 1, 0, 12, 95.5)]);
        using var wb = Save(_t.Builder((_, _) => recap).Build(2026, 10));
        var ws = wb.Worksheet("Absensi");

        // The day grid (No, Nama, days 1..31), then the totals part (No, Nama, totals, NIP, Jabatan, Unit): two pages across.
        var row = RowOf(ws, 2, "dr. Bambang");
        Assert.Equal("TL1", row.Cell(2 + 5).GetString());
        const int part2 = 3 + 31;
        Assert.Equal("dr. Bambang", row.Cell(part2 + 1).GetString());
        Assert.Equal(22, Number(row.Cell(part2 + 2)));
        Assert.Equal(95.5, Number(row.Cell(part2 + 2 + 11)));
        Assert.Equal("197805122005011003", row.Cell(part2 + 2 + 12).GetString());
        Assert.Equal(XLDataType.Text, row.Cell(part2 + 2 + 12).DataType);
        Assert.Equal("Kepala Puskesmas", row.Cell(part2 + 2 + 13).GetString());
        var unit = RowOf(ws, part2 + 1, "Umum");
        Assert.Equal(1, Number(unit.Cell(part2 + 2 + 12)));
        Assert.Equal(22, Number(unit.Cell(part2 + 2)));
    }

    [Fact]
    public void A_month_without_data_gives_an_empty_but_valid_workbook()
    {
        var report = _t.Build(2026, 6);
        using var wb = Save(report);

        Assert.Equal(MonthlyWorkbookWriter.SheetNames.Count, wb.Worksheets.Count);
        Assert.Empty(report.Lb1.Rows);
        Assert.Equal(0, Number(RowOf(wb.Worksheet("LB1"), 2, "Jumlah").Cell(33)));
        Assert.Equal(0, Number(RowOf(wb.Worksheet("Kunjungan"), 1, "Kunjungan baru").Cell(4)));
        Assert.True(RowOf(wb.Worksheet("Waktu Tunggu"), 1, "Semua poli").Cell(4).IsEmpty());
        Assert.DoesNotContain(report.ToValues(), v => v.Value != 0);
    }
}
