using ClosedXML.Excel;
using Simpus.District.Farmasi;
using Simpus.District.Quality;
using Simpus.Exchange;

namespace Simpus.District.Workbook;

/// <summary>
/// The district workbook's pharmacy sheets (package schema 2): LPLPO Kabupaten (recap per drug with each puskesmas' request, for the
/// warehouse's planning), Kekosongan Obat, Kedaluwarsa Obat and POR per puskesmas.
/// </summary>
internal static class PharmacySheets
{
    public static readonly IReadOnlyList<string> Names = ["LPLPO Kabupaten", "Kekosongan Obat", "Kedaluwarsa Obat", "POR"];

    /// <summary>Data elements shown here, not on the generic "Lainnya" sheet.</summary>
    public static bool Holds(string element) =>
        element.StartsWith("LPLPO.", StringComparison.Ordinal) || element.StartsWith("POR.", StringComparison.Ordinal);

    /// <summary>Writes the sheets when at least one puskesmas sent pharmacy values (package schema 2) for the period; else nothing.</summary>
    public static void Write(XLWorkbook wb, DistrictPharmacy pharmacy, MonthPeriod month, IReadOnlyDictionary<string, ValueSet> monthSets,
        IReadOnlyDictionary<string, ValueSet> periodSets, IReadOnlyList<(string Code, string Name)> puskesmas, string title)
    {
        if (!periodSets.Values.Concat(monthSets.Values).Any(set => set.Elements.Any(Holds)))
        {
            return;
        }
        Lplpo(wb, pharmacy.Lplpo(month, monthSets), puskesmas, month);
        StockOuts(wb, pharmacy.StockOuts(month, monthSets), month);
        Expiry(wb, pharmacy.Expiry(month, monthSets), month);
        Por(wb, pharmacy.Por(periodSets), title);
    }

    private static void Lplpo(XLWorkbook wb, IReadOnlyList<LplpoRecapRow> rows, IReadOnlyList<(string Code, string Name)> puskesmas, MonthPeriod month)
    {
        var ws = wb.Worksheets.Add("LPLPO Kabupaten");
        DistrictWorkbook.Title(ws, "Rekap LPLPO puskesmas per obat (untuk perencanaan instalasi farmasi)", month.Label);
        var headers = new List<string>
        {
            "Kode", "Nama obat", "Satuan", "Kelas Fornas", "Stok awal", "Penerimaan", "Pemakaian", "Rusak/ kedaluwarsa/ hilang", "Sisa stok",
            "Pemakaian rata-rata/bulan", "Stok optimum", "Permintaan", "Ketersediaan (bulan)", "Puskesmas kosong",
        };
        headers.AddRange(puskesmas.Select(p => "Permintaan " + p.Name));
        DistrictWorkbook.Header(ws, 4, headers);
        var row = 5;
        foreach (var r in rows)
        {
            ws.Cell(row, 1).Value = r.Code;
            ws.Cell(row, 2).Value = r.Name;
            ws.Cell(row, 3).Value = r.Unit;
            ws.Cell(row, 4).Value = r.FornasClass ?? "";
            ws.Cell(row, 5).Value = r.StokAwal;
            ws.Cell(row, 6).Value = r.Penerimaan;
            ws.Cell(row, 7).Value = r.Pemakaian;
            ws.Cell(row, 8).Value = r.RusakHilang;
            ws.Cell(row, 9).Value = r.SisaStok;
            ws.Cell(row, 10).Value = r.PemakaianRataRata;
            ws.Cell(row, 11).Value = r.StokOptimum;
            ws.Cell(row, 12).Value = r.Permintaan;
            if (r.Ketersediaan is { } k)
            {
                ws.Cell(row, 13).Value = k;
            }
            ws.Cell(row, 14).Value = r.PuskesmasKosong;
            for (var i = 0; i < puskesmas.Count; i++)
            {
                if (r.PermintaanPerPuskesmas.TryGetValue(puskesmas[i].Code, out var asked))
                {
                    ws.Cell(row, 15 + i).Value = asked;
                }
            }
            row++;
        }
        if (rows.Count == 0)
        {
            ws.Cell(row, 1).Value = "Belum ada data LPLPO bulan ini (puskesmas mengirim paket skema 2 sejak SIMPUS dengan modul farmasi).";
        }
        else
        {
            ws.Range(5, 5, row - 1, 12).Style.NumberFormat.Format = "#,##0";
            ws.Range(5, 10, row - 1, 10).Style.NumberFormat.Format = "#,##0.0";
            ws.Range(5, 13, row - 1, 13).Style.NumberFormat.Format = "0.0";
            ws.Range(5, 15, row - 1, 14 + puskesmas.Count).Style.NumberFormat.Format = "#,##0";
        }
        ws.Row(4).Style.Alignment.WrapText = true;
        ws.Column(1).Width = 10;
        ws.Column(2).Width = 36;
        ws.Column(3).Width = 9;
        ws.Column(4).Width = 28;
        for (var c = 5; c <= headers.Count; c++)
        {
            ws.Column(c).Width = 12;
        }
        ws.SheetView.FreezeRows(4);
        ws.SheetView.FreezeColumns(2);
    }

    private static void StockOuts(XLWorkbook wb, IReadOnlyList<StockOutRow> rows, MonthPeriod month)
    {
        var ws = wb.Worksheets.Add("Kekosongan Obat");
        DistrictWorkbook.Title(ws, "Kekosongan obat: habis padahal dipakai, atau ada hari tanpa stok", month.Label);
        DistrictWorkbook.Header(ws, 4, ["Kode puskesmas", "Puskesmas", "Kode obat", "Nama obat", "Satuan", "Sisa stok akhir bulan", "Pemakaian rata-rata/bulan",
            "Hari tanpa stok", "Ketersediaan (bulan)"]);
        var row = 5;
        foreach (var r in rows)
        {
            ws.Cell(row, 1).Value = r.Puskesmas;
            ws.Cell(row, 2).Value = r.PuskesmasName;
            ws.Cell(row, 3).Value = r.Drug;
            ws.Cell(row, 4).Value = r.DrugName;
            ws.Cell(row, 5).Value = r.Unit;
            ws.Cell(row, 6).Value = r.SisaStok;
            ws.Cell(row, 7).Value = r.PemakaianRataRata;
            ws.Cell(row, 8).Value = r.HariKosong;
            if (r.Ketersediaan is { } k)
            {
                ws.Cell(row, 9).Value = k;
            }
            row++;
        }
        if (rows.Count == 0)
        {
            ws.Cell(row, 1).Value = "Tidak ada kekosongan obat yang dilaporkan.";
        }
        ws.Row(4).Style.Alignment.WrapText = true;
        Widths(ws, 14, 28, 10, 36, 9, 12, 12, 10, 12);
        ws.SheetView.FreezeRows(4);
    }

    private static void Expiry(XLWorkbook wb, IReadOnlyList<ExpiryRow> rows, MonthPeriod month)
    {
        var ws = wb.Worksheets.Add("Kedaluwarsa Obat");
        DistrictWorkbook.Title(ws, "Obat kedaluwarsa: dikeluarkan bulan ini dan stok yang segera kedaluwarsa", month.Label);
        DistrictWorkbook.Header(ws, 4, ["Kode puskesmas", "Puskesmas", "Kode obat", "Nama obat", "Satuan", "Dikeluarkan karena kedaluwarsa",
            "Stok segera kedaluwarsa (akhir bulan)"]);
        var row = 5;
        foreach (var r in rows)
        {
            ws.Cell(row, 1).Value = r.Puskesmas;
            ws.Cell(row, 2).Value = r.PuskesmasName;
            ws.Cell(row, 3).Value = r.Drug;
            ws.Cell(row, 4).Value = r.DrugName;
            ws.Cell(row, 5).Value = r.Unit;
            ws.Cell(row, 6).Value = r.Kedaluwarsa;
            ws.Cell(row, 7).Value = r.HampirKedaluwarsa;
            row++;
        }
        if (rows.Count == 0)
        {
            ws.Cell(row, 1).Value = "Tidak ada obat kedaluwarsa yang dilaporkan.";
        }
        ws.Row(4).Style.Alignment.WrapText = true;
        Widths(ws, 14, 28, 10, 36, 9, 14, 16);
        ws.SheetView.FreezeRows(4);
    }

    private static void Por(XLWorkbook wb, IReadOnlyList<PorRow> rows, string title)
    {
        var ws = wb.Worksheets.Add("POR");
        DistrictWorkbook.Title(ws, "Penggunaan obat rasional (POR) per puskesmas", title);
        var headers = new List<string> { "Kode", "Puskesmas" };
        foreach (var g in DistrictPharmacy.PorGroups)
        {
            headers.AddRange([$"{g.Name}: kasus", "mendapat", $"% (target ≤ {g.Target:0})"]);
        }
        headers.AddRange(["Resep (kasus POR)", "Item obat", "Item per resep (target ≤ 2,6)", "Keterangan"]);
        DistrictWorkbook.Header(ws, 4, headers);
        var row = 5;
        foreach (var r in rows)
        {
            ws.Cell(row, 1).Value = r.Puskesmas;
            ws.Cell(row, 2).Value = r.PuskesmasName;
            var col = 3;
            foreach (var g in r.Groups)
            {
                ws.Cell(row, col).Value = g.Cases;
                ws.Cell(row, col + 1).Value = g.Given;
                if (g.Percent is { } p)
                {
                    ws.Cell(row, col + 2).Value = p;
                }
                col += 3;
            }
            ws.Cell(row, col).Value = r.Prescriptions;
            ws.Cell(row, col + 1).Value = r.Items;
            if (r.ItemsPerPrescription is { } m)
            {
                ws.Cell(row, col + 2).Value = m;
            }
            ws.Cell(row, col + 3).Value = r.Reported ? "" : "Belum ada data POR (paket skema 1 atau belum mengirim)";
            if (r.Puskesmas.Length == 0)
            {
                ws.Row(row).Style.Font.Bold = true;
            }
            row++;
        }
        ws.Row(4).Style.Alignment.WrapText = true;
        ws.Column(1).Width = 14;
        ws.Column(2).Width = 28;
        for (var c = 3; c < headers.Count; c++)
        {
            ws.Column(c).Width = 11;
        }
        ws.Column(headers.Count).Width = 40;
        ws.SheetView.FreezeRows(4);
    }

    private static void Widths(IXLWorksheet ws, params double[] widths)
    {
        for (var i = 0; i < widths.Length; i++)
        {
            ws.Column(i + 1).Width = widths[i];
        }
    }
}
