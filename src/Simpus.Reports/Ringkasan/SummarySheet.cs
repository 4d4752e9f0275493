using ClosedXML.Excel;
using Simpus.Reports.Workbook;

namespace Simpus.Reports.Ringkasan;

/// <summary>The month's key figures beside the previous month and the same month last year.</summary>
internal static class SummarySheet
{
    public static void Write(XLWorkbook workbook, MonthlyReport report)
    {
        const int last = 5;
        var h = report.Header;
        var ws = SheetKit.Sheet(workbook, "Ringkasan", "RINGKASAN LAPORAN BULANAN PUSKESMAS", h, last);
        var top = SheetKit.HeaderRows + 1;
        var previous = h.FirstDay.AddMonths(-1);
        ws.Cell(top, 1).SetValue("Indikator");
        ws.Cell(top, 2).SetValue(SheetKit.MonthName(h.Year, h.Month));
        ws.Cell(top, 3).SetValue(SheetKit.MonthName(previous.Year, previous.Month));
        ws.Cell(top, 4).SetValue(SheetKit.MonthName(h.Year - 1, h.Month));
        ws.Cell(top, 5).SetValue("Perubahan dari bulan lalu (%)");
        SheetKit.HeaderStyle(ws.Range(top, 1, top, last));
        var row = top + 1;
        foreach (var line in report.Summary.Lines)
        {
            ws.Cell(row, 1).SetValue(line.Label);
            ws.Cell(row, 2).Value = line.Current;
            ws.Cell(row, 3).Value = line.Previous;
            ws.Cell(row, 4).Value = line.LastYear;
            SheetKit.Number(ws.Cell(row, 5), line.Previous == 0 ? null : Math.Round(100m * (line.Current - line.Previous) / line.Previous, 1), "+0.0;-0.0;0.0");
            row++;
        }
        SheetKit.BodyStyle(ws.Range(top + 1, 1, row - 1, last));
        ws.Cell(row, 1).SetValue("Lembar: LB1, 10 Besar, Kunjungan (LB4), Jaminan, KIA, Waktu Tunggu, Absensi.");
        ws.Cell(row, 1).Style.Font.Italic = true;
        SheetKit.Signature(ws, row + 1, 4, h);
        SheetKit.Widths(ws, 52, 16, 16, 16, 16);
        SheetKit.Finish(ws, top);
    }
}
