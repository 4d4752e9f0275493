using ClosedXML.Excel;
using Simpus.Core.Common;
using Simpus.Core.Pharmacy;
using Simpus.Reports.Workbook;

namespace Simpus.Reports.Farmasi;

/// <summary>
/// The LPLPO in the form puskesmas send to the kabupaten's pharmacy warehouse: one row per drug of the formulary with the
/// numbered columns, the "Pemberian" column left for the warehouse, and the signatures of the pengelola obat and the head.
/// </summary>
internal static class LplpoSheet
{
    public const string Name = "LPLPO";

    private static readonly string[] Heads =
    [
        "No", "Kode", "Nama obat", "Satuan", "Stok awal", "Penerimaan", "Persediaan", "Pemakaian", "Rusak/ kedaluwarsa/ hilang",
        "Selisih stok opname", "Sisa stok", "Stok optimum", "Permintaan", "Pemberian (diisi IFK)", "Ketersediaan (bulan)", "Keterangan",
    ];

    private static readonly string[] Numbers =
    [
        "1", "2", "3", "4", "5", "6", "7 = 5+6", "8", "9", "10", "11 = 7−8−9+10", "12", "13 = 12−11", "14", "15 = 11 ÷ rata²", "16",
    ];

    public static void Write(XLWorkbook workbook, MonthlyReport report)
    {
        var last = Heads.Length;
        var ws = SheetKit.Sheet(workbook, Name, "LAPORAN PEMAKAIAN DAN LEMBAR PERMINTAAN OBAT (LPLPO)", report.Header, last);
        var top = SheetKit.HeaderRows + 1;
        var pharmacy = report.Pharmacy;
        for (var i = 0; i < Heads.Length; i++)
        {
            ws.Cell(top, i + 1).SetValue(Heads[i]);
            ws.Cell(top + 1, i + 1).SetValue(Numbers[i]);
        }
        SheetKit.HeaderStyle(ws.Range(top, 1, top + 1, last));
        ws.Row(top).Height = 40;
        ws.Range(top + 1, 1, top + 1, last).Style.Font.FontSize = 7;
        var row = top + 2;
        var no = 1;
        foreach (var r in pharmacy?.Lplpo.Rows ?? [])
        {
            ws.Cell(row, 1).Value = no++;
            ws.Cell(row, 2).SetValue(r.Code);
            ws.Cell(row, 3).SetValue(r.Name);
            ws.Cell(row, 4).SetValue(r.Unit);
            ws.Cell(row, 5).Value = r.StokAwal;
            ws.Cell(row, 6).Value = r.Penerimaan;
            ws.Cell(row, 7).Value = r.Persediaan;
            ws.Cell(row, 8).Value = r.Pemakaian;
            ws.Cell(row, 9).Value = r.RusakHilang;
            ws.Cell(row, 10).Value = r.SelisihOpname;
            ws.Cell(row, 11).Value = r.SisaStok;
            ws.Cell(row, 12).Value = r.StokOptimum;
            ws.Cell(row, 13).Value = r.Permintaan;
            SheetKit.Number(ws.Cell(row, 15), r.Ketersediaan, "0.0");
            ws.Cell(row, 16).SetValue(Remark(r, pharmacy!.Lplpo.ExpiryWindowMonths));
            row++;
        }
        if (row > top + 2)
        {
            SheetKit.BodyStyle(ws.Range(top + 2, 1, row - 1, last));
            ws.Range(top + 2, 5, row - 1, 13).Style.NumberFormat.Format = "#,##0";
        }
        else
        {
            ws.Cell(row++, 3).SetValue("Belum ada data obat.");
        }
        var note = pharmacy is null ? "" :
            $"Stok optimum = pemakaian rata-rata 3 bulan × (periode distribusi {Dec(pharmacy.Lplpo.DistributionPeriodMonths)} bulan + waktu tunggu " +
            $"{Dec(pharmacy.Lplpo.LeadTimeMonths)} bulan) + stok penyangga {Dec(pharmacy.Lplpo.SafetySharePercent)} % dari stok kerja; " +
            "permintaan = stok optimum − sisa stok (tidak kurang dari 0). Angka dalam satuan obat.";
        ws.Cell(row, 3).SetValue(note);
        ws.Cell(row, 3).Style.Font.Italic = true;

        // Signatures: the pengelola obat who requests (left), the head who approves (right).
        var h = report.Header;
        var sign = row + 2;
        ws.Cell(sign + 1, 3).SetValue("Yang meminta/melaporkan,");
        ws.Cell(sign + 2, 3).SetValue("Pengelola obat");
        ws.Cell(sign + 6, 3).SetValue(pharmacy?.PharmacistName ?? "(.................................)");
        ws.Cell(sign + 6, 3).Style.Font.Bold = true;
        ws.Cell(sign + 6, 3).Style.Font.Underline = XLFontUnderlineValues.Single;
        ws.Cell(sign + 7, 3).SetValue("NIP. " + (pharmacy?.PharmacistNip ?? "................................."));
        ws.Cell(sign, 12).SetValue("Mengetahui,");
        SheetKit.Signature(ws, sign, 12, h);
        SheetKit.Widths(ws, 10, 8, 34, 9, 9, 10, 10, 10, 10, 9, 11, 9, 10, 10, 10, 22);
        SheetKit.Finish(ws, top + 1);
    }

    private static string Remark(LplpoRow r, int windowMonths)
    {
        var parts = new List<string>();
        if (r.HariKosong > 0)
        {
            parts.Add($"kosong {r.HariKosong} hari");
        }
        if (r.Kedaluwarsa > 0)
        {
            parts.Add($"{r.Kedaluwarsa} kedaluwarsa dikeluarkan");
        }
        if (r.HampirKedaluwarsa > 0)
        {
            parts.Add($"{r.HampirKedaluwarsa} ED ≤ {windowMonths} bln");
        }
        return string.Join("; ", parts);
    }

    private static string Dec(decimal value) => value.ToString("0.##", Cultures.Indonesian);
}
