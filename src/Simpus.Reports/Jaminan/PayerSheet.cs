using ClosedXML.Excel;
using Simpus.Reports.Workbook;

namespace Simpus.Reports.Jaminan;

/// <summary>Visits and distinct patients by payer, and the share of the poor covered (BPJS PBI + Jamkesda/SKTM).</summary>
internal static class PayerSheet
{
    public static void Write(XLWorkbook workbook, MonthlyReport report)
    {
        const int last = 6;
        var p = report.Payers;
        var ws = SheetKit.Sheet(workbook, "Jaminan", "KUNJUNGAN MENURUT JAMINAN KESEHATAN", report.Header, last);
        var top = SheetKit.HeaderRows + 1;
        string[] heads = ["Jenis pembayaran", "Penduduk miskin", "Kunjungan", "% kunjungan", "Pasien (orang)", "% pasien"];
        for (var i = 0; i < heads.Length; i++)
        {
            ws.Cell(top, i + 1).SetValue(heads[i]);
        }
        SheetKit.HeaderStyle(ws.Range(top, 1, top, last));
        var row = top + 1;
        foreach (var r in p.Rows)
        {
            ws.Cell(row, 1).SetValue(r.Name);
            ws.Cell(row, 2).SetValue(r.IsPoor ? "Ya" : "");
            ws.Cell(row, 3).Value = r.Visits;
            SheetKit.Number(ws.Cell(row, 4), p.Visits == 0 ? null : Math.Round(100m * r.Visits / p.Visits, 1), "0.0");
            ws.Cell(row, 5).Value = r.Patients;
            SheetKit.Number(ws.Cell(row, 6), p.Patients == 0 ? null : Math.Round(100m * r.Patients / p.Patients, 1), "0.0");
            row++;
        }
        SheetKit.BodyStyle(ws.Range(top + 1, 1, row - 1, last));
        ws.Cell(row, 1).SetValue("Jumlah");
        ws.Cell(row, 3).Value = p.Visits;
        SheetKit.Number(ws.Cell(row, 4), p.Visits == 0 ? null : 100m, "0.0");
        ws.Cell(row, 5).Value = p.Patients;
        SheetKit.Number(ws.Cell(row, 6), p.Patients == 0 ? null : 100m, "0.0");
        SheetKit.TotalStyle(ws.Range(row, 1, row, last));
        row += 2;

        SheetKit.SectionTitle(ws, row++, "Cakupan penduduk miskin (BPJS PBI + Jamkesda/SKTM)");
        ws.Cell(row, 1).SetValue("Kunjungan penduduk miskin");
        ws.Cell(row, 3).Value = p.PoorVisits;
        SheetKit.Number(ws.Cell(row, 4), p.PoorVisitShare, "0.0");
        ws.Cell(row + 1, 1).SetValue("Pasien miskin (orang)");
        ws.Cell(row + 1, 5).Value = p.PoorPatients;
        SheetKit.Number(ws.Cell(row + 1, 6), p.PoorPatientShare, "0.0");
        ws.Cell(row + 2, 1).SetValue("Pasien berbeda bulan ini (orang, tanpa hitung ganda)");
        ws.Cell(row + 2, 5).Value = p.DistinctPatients;
        SheetKit.BodyStyle(ws.Range(row, 1, row + 2, last));
        ws.Cell(row + 3, 1).SetValue("Catatan: pasien yang datang dengan lebih dari satu jenis pembayaran dihitung pada setiap jenis.");
        ws.Cell(row + 3, 1).Style.Font.Italic = true;
        SheetKit.Signature(ws, row + 4, 5, report.Header);
        SheetKit.Widths(ws, 44, 14, 12, 12, 14, 12);
        SheetKit.Finish(ws, top);
    }
}
