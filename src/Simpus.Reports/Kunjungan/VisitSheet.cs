using ClosedXML.Excel;
using Simpus.Core.Ages;
using Simpus.Reports.Workbook;

namespace Simpus.Reports.Kunjungan;

/// <summary>LB4 visits: by type and sex, by poli, by payer, by age band and sex, referrals out and UGD.</summary>
internal static class VisitSheet
{
    public static void Write(XLWorkbook workbook, MonthlyReport report)
    {
        const int last = 4;
        var v = report.Visits;
        var ws = SheetKit.Sheet(workbook, "Kunjungan", "LAPORAN KEGIATAN PUSKESMAS (LB4): KUNJUNGAN", report.Header, last);
        var row = SheetKit.HeaderRows + 1;
        // Each titled table is kept on one page (a table split over two pages would go on without its column heads).
        var blocks = new List<(int First, int Last)>();

        var start = row;
        row = Table(ws, row, "A. Kunjungan menurut jenis dan jenis kelamin", ["Jenis kunjungan", "L", "P", "Jumlah"],
            [("Kunjungan baru", v.NewVisits.Male, v.NewVisits.Female), ("Kunjungan lama", v.OldVisits.Male, v.OldVisits.Female)]);
        blocks.Add((start, row - 1));
        start = row + 1;
        row = Table(ws, start, "B. Kunjungan menurut poli", ["Poli", "Baru", "Lama", "Jumlah"],
            v.ByPoli.Select(p => (p.Name, p.New, p.Old)).ToList());
        blocks.Add((start, row - 1));
        start = row + 1;
        row = Table(ws, start, "C. Kunjungan menurut jenis pembayaran", ["Jenis pembayaran", "Baru", "Lama", "Jumlah"],
            v.ByPayer.Select(p => (p.Name, p.New, p.Old)).ToList());
        blocks.Add((start, row - 1));
        start = row + 1;
        row = Table(ws, start, "D. Kunjungan menurut golongan umur", ["Golongan umur", "L", "P", "Jumlah"],
            AgeBands.Lb1.Select((b, i) => (b.Label, v.ByAge[i].Male, v.ByAge[i].Female)).ToList());
        var elderlyMale = v.ByAge[^2].Male + v.ByAge[^1].Male;
        var elderlyFemale = v.ByAge[^2].Female + v.ByAge[^1].Female;
        ws.Cell(row, 1).SetValue("   di antaranya usia ≥60 th (lansia)");
        ws.Cell(row, 2).Value = elderlyMale;
        ws.Cell(row, 3).Value = elderlyFemale;
        ws.Cell(row, 4).Value = elderlyMale + elderlyFemale;
        ws.Range(row, 1, row, last).Style.Font.Italic = true;
        blocks.Add((start, row));
        row += 2;

        start = row;
        SheetKit.SectionTitle(ws, row++, "E. Rujukan dan gawat darurat");
        ws.Cell(row, 1).SetValue("Kegiatan");
        ws.Cell(row, 4).SetValue("Jumlah");
        SheetKit.HeaderStyle(ws.Range(row, 1, row, last));
        row++;
        ws.Cell(row, 1).SetValue("Rujukan keluar");
        ws.Cell(row, 4).Value = v.Referrals;
        ws.Cell(row + 1, 1).SetValue("Kunjungan UGD");
        ws.Cell(row + 1, 4).Value = v.Emergencies;
        SheetKit.BodyStyle(ws.Range(row, 1, row + 1, last));
        row += 2;
        blocks.Add((start, row - 1));

        var end = SheetKit.Signature(ws, row, 3, report.Header);
        blocks.Add((row + 1, end - 1));
        SheetKit.Widths(ws, 40, 12, 12, 12);
        var print = new PrintLayout { RepeatRows = SheetKit.HeaderRows };
        SheetKit.Finish(ws, SheetKit.HeaderRows, print);
        SheetPrint.KeepTogether(ws, SheetPrint.PaperOf(ws), print, blocks);
    }

    /// <summary>A titled table with two count columns and their sum, plus a total row; returns the row after it.</summary>
    private static int Table(IXLWorksheet ws, int row, string title, string[] heads, IReadOnlyList<(string Label, int A, int B)> rows)
    {
        SheetKit.SectionTitle(ws, row++, title);
        for (var i = 0; i < heads.Length; i++)
        {
            ws.Cell(row, i + 1).SetValue(heads[i]);
        }
        SheetKit.HeaderStyle(ws.Range(row, 1, row, 4));
        row++;
        var first = row;
        foreach (var (label, a, b) in rows)
        {
            ws.Cell(row, 1).SetValue(label);
            ws.Cell(row, 2).Value = a;
            ws.Cell(row, 3).Value = b;
            ws.Cell(row, 4).Value = a + b;
            row++;
        }
        if (row > first)
        {
            SheetKit.BodyStyle(ws.Range(first, 1, row - 1, 4));
        }
        ws.Cell(row, 1).SetValue("Jumlah");
        ws.Cell(row, 2).Value = rows.Sum(r => r.A);
        ws.Cell(row, 3).Value = rows.Sum(r => r.B);
        ws.Cell(row, 4).Value = rows.Sum(r => r.A + r.B);
        SheetKit.TotalStyle(ws.Range(row, 1, row, 4));
        return row + 1;
    }
}
