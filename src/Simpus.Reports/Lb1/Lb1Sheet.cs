using ClosedXML.Excel;
using Simpus.Core.Ages;
using Simpus.Reports.Workbook;

namespace Simpus.Reports.Lb1;

/// <summary>
/// The LB1 sheet. Standard layout: code, name, 12 age bands × L/P of new cases, Kasus Baru L/P/Jml, Kasus Lama L/P/Jml, Total.
/// SIKDA Generik layout: each age band split into Baru L/P and Lama L/P, then the same totals.
/// </summary>
internal static class Lb1Sheet
{
    public static void Write(XLWorkbook workbook, MonthlyReport report, ReportLayout layout)
    {
        var sikda = layout == ReportLayout.Sikda;
        var perBand = sikda ? 4 : 2;
        var bands = AgeBands.Lb1.Count;
        var firstTotal = 3 + bands * perBand;
        var lastColumn = firstTotal + 6;
        var title = "LAPORAN BULANAN DATA KESAKITAN (LB1)" + (sikda ? " — format SIKDA Generik" : "");
        var ws = SheetKit.Sheet(workbook, "LB1", title, report.Header, lastColumn);
        var top = SheetKit.HeaderRows + 1;
        var headRows = sikda ? 3 : 2;
        SheetKit.Head(ws, top, 1, "Kode ICD-10", headRows);
        SheetKit.Head(ws, top, 2, "Nama penyakit", headRows);
        for (var b = 0; b < bands; b++)
        {
            var col = 3 + b * perBand;
            SheetKit.Head(ws, top, col, AgeBands.Lb1[b].Label, 1, perBand);
            if (sikda)
            {
                SheetKit.Head(ws, top + 1, col, "Baru", 1, 2);
                SheetKit.Head(ws, top + 1, col + 2, "Lama", 1, 2);
                foreach (var (offset, sex) in new[] { (0, "L"), (1, "P"), (2, "L"), (3, "P") })
                {
                    ws.Cell(top + 2, col + offset).SetValue(sex);
                }
            }
            else
            {
                ws.Cell(top + 1, col).SetValue("L");
                ws.Cell(top + 1, col + 1).SetValue("P");
            }
        }
        SheetKit.Head(ws, top, firstTotal, "Kasus Baru", headRows - 1, 3);
        SheetKit.Head(ws, top, firstTotal + 3, "Kasus Lama", headRows - 1, 3);
        SheetKit.Head(ws, top, firstTotal + 6, "Total", headRows);
        var lpj = new[] { "L", "P", "Jml", "L", "P", "Jml" };
        for (var i = 0; i < 6; i++)
        {
            ws.Cell(top + headRows - 1, firstTotal + i).SetValue(lpj[i]);
        }
        SheetKit.HeaderStyle(ws.Range(top, 1, top + headRows - 1, lastColumn));

        var row = top + headRows;
        var firstBody = row;
        foreach (var r in report.Lb1.Rows)
        {
            WriteRow(ws, row++, r, sikda, perBand);
        }
        if (report.Lb1.Rows.Count == 0)
        {
            ws.Cell(row, 2).SetValue("Tidak ada diagnosis pada bulan ini.");
            ws.Cell(row, 2).Style.Font.Italic = true;
            row++;
        }
        if (row > firstBody)
        {
            SheetKit.BodyStyle(ws.Range(firstBody, 1, row - 1, lastColumn));
        }
        WriteRow(ws, row, report.Lb1.Totals, sikda, perBand);
        ws.Cell(row, 1).SetValue("");
        ws.Cell(row, 2).SetValue("Jumlah");
        SheetKit.TotalStyle(ws.Range(row, 1, row, lastColumn));

        SheetKit.Signature(ws, row + 1, Math.Max(3, lastColumn - 8), report.Header);
        // Widths chosen for paper: the standard layout fits one A4 landscape page wide at about 8 pt; SIKDA's 57 columns
        // print in two halves (bands 0–7 hari … 20–44 th, then 45–54 th … ≥70 th with the totals), code and name repeated.
        ws.Column(1).Width = 6.5;
        ws.Column(2).Width = 24;
        for (var c = 3; c <= lastColumn; c++)
        {
            ws.Column(c).Width = c >= firstTotal ? 4.6 : 3.4;
        }
        ws.Column(2).Style.Alignment.WrapText = true;
        var print = new PrintLayout { RepeatRows = top + headRows - 1 };
        if (sikda)
        {
            print = print with { RepeatColumns = 2, ColumnBreaksAfter = [2 + bands / 2 * perBand] };
        }
        SheetKit.Finish(ws, top + headRows - 1, print);
    }

    private static void WriteRow(IXLWorksheet ws, int row, Lb1Row r, bool sikda, int perBand)
    {
        ws.Cell(row, 1).SetValue(r.Code);
        ws.Cell(row, 2).SetValue(r.Name);
        for (var b = 0; b < AgeBands.Lb1.Count; b++)
        {
            var col = 3 + b * perBand;
            ws.Cell(row, col).Value = r.New(b, Sexes.Male);
            ws.Cell(row, col + 1).Value = r.New(b, Sexes.Female);
            if (sikda)
            {
                ws.Cell(row, col + 2).Value = r.Old(b, Sexes.Male);
                ws.Cell(row, col + 3).Value = r.Old(b, Sexes.Female);
            }
        }
        var t = 3 + AgeBands.Lb1.Count * perBand;
        ws.Cell(row, t).Value = r.NewMale;
        ws.Cell(row, t + 1).Value = r.NewFemale;
        ws.Cell(row, t + 2).Value = r.NewTotal;
        ws.Cell(row, t + 3).Value = r.OldMale;
        ws.Cell(row, t + 4).Value = r.OldFemale;
        ws.Cell(row, t + 5).Value = r.OldTotal;
        ws.Cell(row, t + 6).Value = r.Total;
    }
}

/// <summary>The LB1 layout: the standard one or the SIKDA Generik variant (each band split into Baru L/P and Lama L/P).</summary>
public enum ReportLayout
{
    Standard,
    Sikda,
}
