using ClosedXML.Excel;
using Simpus.Reports.Workbook;

namespace Simpus.Reports.Lb1;

/// <summary>The ten diagnoses with the most new cases, with count and share of all new cases of the month.</summary>
internal static class TopTenSheet
{
    public static void Write(XLWorkbook workbook, MonthlyReport report)
    {
        const int last = 7;
        var ws = SheetKit.Sheet(workbook, "10 Besar", "10 BESAR PENYAKIT (KASUS BARU)", report.Header, last);
        var excluded = report.Lb1.TopTenExcluded;
        var top = SheetKit.HeaderRows + 1;
        string[] heads = ["No", "Kode ICD-10", "Nama penyakit", "L", "P", "Jumlah", excluded.IsEmpty ? "% dari semua kasus baru" : "% dari kasus baru penyakit"];
        for (var i = 0; i < heads.Length; i++)
        {
            ws.Cell(top, i + 1).SetValue(heads[i]);
        }
        SheetKit.HeaderStyle(ws.Range(top, 1, top, last));
        var row = top + 1;
        var top10 = report.Lb1.TopTen();
        foreach (var d in top10)
        {
            ws.Cell(row, 1).Value = d.Rank;
            ws.Cell(row, 2).SetValue(d.Code);
            ws.Cell(row, 3).SetValue(d.Name);
            ws.Cell(row, 4).Value = d.Male;
            ws.Cell(row, 5).Value = d.Female;
            ws.Cell(row, 6).Value = d.Total;
            SheetKit.Number(ws.Cell(row, 7), d.SharePercent, "0.0");
            row++;
        }
        if (top10.Count == 0)
        {
            ws.Cell(row, 3).SetValue("Tidak ada kasus baru pada bulan ini.");
            ws.Cell(row, 3).Style.Font.Italic = true;
            row++;
        }
        SheetKit.BodyStyle(ws.Range(top + 1, 1, row - 1, last));
        ws.Range(top + 1, 3, row - 1, 3).Style.Alignment.WrapText = true;   // long disease names take two lines, never cut
        ws.Range(top + 1, 1, row - 1, 1).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        var all = report.Lb1.TopTenBase;
        var included = report.Lb1.Rows.Where(r => !excluded.Contains(r.Code)).ToList();
        ws.Cell(row, 3).SetValue("Jumlah 10 besar");
        ws.Cell(row, 4).Value = top10.Sum(d => d.Male);
        ws.Cell(row, 5).Value = top10.Sum(d => d.Female);
        ws.Cell(row, 6).Value = top10.Sum(d => d.Total);
        SheetKit.Number(ws.Cell(row, 7), all == 0 ? null : Math.Round(100m * top10.Sum(d => d.Total) / all, 1), "0.0");
        ws.Cell(row + 1, 3).SetValue(excluded.IsEmpty ? "Semua kasus baru bulan ini" : $"Semua kasus baru penyakit bulan ini (tanpa {excluded})");
        ws.Cell(row + 1, 4).Value = included.Sum(r => r.NewMale);
        ws.Cell(row + 1, 5).Value = included.Sum(r => r.NewFemale);
        ws.Cell(row + 1, 6).Value = all;
        SheetKit.TotalStyle(ws.Range(row, 1, row + 1, last));
        if (!excluded.IsEmpty)
        {
            ws.Cell(row + 2, 3).SetValue($"Kode {excluded} (kontak dengan pelayanan kesehatan, pemeriksaan) bukan penyakit: tidak masuk 10 besar, tetap tercatat di LB1.");
            ws.Cell(row + 2, 3).Style.Font.Italic = true;
            row++;
        }
        SheetKit.Signature(ws, row + 2, 5, report.Header);
        SheetKit.Widths(ws, 5, 12, 44, 8, 8, 10, 14);
        SheetKit.Finish(ws, top);
    }
}
