using ClosedXML.Excel;
using Simpus.Reports.Workbook;

namespace Simpus.Reports.WaktuTunggu;

/// <summary>Waiting and service times per poli against the service-charter target.</summary>
internal static class WaitingSheet
{
    public static void Write(XLWorkbook workbook, MonthlyReport report)
    {
        const int last = 11;
        var w = report.Waiting;
        var ws = SheetKit.Sheet(workbook, "Waktu Tunggu", "WAKTU TUNGGU DAN WAKTU PELAYANAN", report.Header, last);
        var top = SheetKit.HeaderRows + 1;
        SheetKit.Head(ws, top, 1, "Poli", 2);
        SheetKit.Head(ws, top, 2, "Kunjungan", 2);
        SheetKit.Head(ws, top, 3, "Datang → mulai diperiksa (menit)", 1, 3);
        SheetKit.Head(ws, top, 6, "Mulai diperiksa → selesai (menit)", 1, 3);
        SheetKit.Head(ws, top, 9, $"Sesuai target ≤ {w.TargetMinutes} menit", 1, 2);
        SheetKit.Head(ws, top, 11, "Belum/tidak diperiksa", 2);
        string[] sub = ["Diperiksa", "Median", "Persentil 90", "Selesai", "Median", "Persentil 90", "Jumlah", "%"];
        for (var i = 0; i < sub.Length; i++)
        {
            ws.Cell(top + 1, 3 + i).SetValue(sub[i]);
        }
        SheetKit.HeaderStyle(ws.Range(top, 1, top + 1, last));
        var row = top + 2;
        foreach (var r in w.Rows)
        {
            WriteRow(ws, row++, r);
        }
        SheetKit.BodyStyle(ws.Range(top + 2, 1, row - 1, last));
        WriteRow(ws, row, w.Total);
        SheetKit.TotalStyle(ws.Range(row, 1, row, last));
        ws.Cell(row + 1, 1).SetValue($"Median dan persentil 90 menurut peringkat terdekat; target waktu tunggu (maklumat pelayanan) {w.TargetMinutes} menit, diatur di pengaturan laporan.");
        ws.Cell(row + 1, 1).Style.Font.Italic = true;
        SheetKit.Signature(ws, row + 2, 8, report.Header);
        SheetKit.Widths(ws, 22, 11, 11, 10, 11, 10, 10, 11, 10, 9, 13);
        SheetKit.Finish(ws, top + 1);
    }

    private static void WriteRow(IXLWorksheet ws, int row, WaitingRow r)
    {
        ws.Cell(row, 1).SetValue(r.Name);
        ws.Cell(row, 2).Value = r.Visits;
        ws.Cell(row, 3).Value = r.Examined;
        SheetKit.Number(ws.Cell(row, 4), r.WaitMedian, "0.0");
        SheetKit.Number(ws.Cell(row, 5), r.WaitP90, "0.0");
        ws.Cell(row, 6).Value = r.Finished;
        SheetKit.Number(ws.Cell(row, 7), r.ServiceMedian, "0.0");
        SheetKit.Number(ws.Cell(row, 8), r.ServiceP90, "0.0");
        ws.Cell(row, 9).Value = r.WithinTarget;
        SheetKit.Number(ws.Cell(row, 10), r.WithinTargetPercent, "0.0");
        ws.Cell(row, 11).Value = r.Visits - r.Examined;
    }
}
