using ClosedXML.Excel;
using Dapper;
using Simpus.Core.Catalogue;
using Simpus.Core.Pharmacy;

namespace Simpus.Reports.Tests;

/// <summary>
/// The LPLPO and POR sheets of the monthly workbook, read back from the saved file. October 2026, by hand: amoxicillin received
/// 400 on 1 Oct, 100 + 50 dispensed on 12 Oct, 5 damaged on 20 Oct → stok awal 0, penerimaan 400, persediaan 400, pemakaian 150,
/// rusak 5, sisa 245; average use 150 / 3 = 50; stok optimum = 50 × 1 + 50 × 0.25 + 10 % × 50 = 67.5 → 68; permintaan 0 (68 − 245
/// is negative); ketersediaan 245 / 50 = 4.9 months. POR: two ISPA cases both with amoxicillin (100 %), one myalgia case without
/// injection (0 %), no diarrhoea; 4 items over 3 prescriptions = 1.33.
/// </summary>
public sealed class PharmacySheetTests : IDisposable
{
    private readonly ReportDatabase _t = new();

    public void Dispose() => _t.Dispose();

    private void Seed()
    {
        _t.Sql("INSERT OR IGNORE INTO icd10 (code, name_id, category) VALUES ('M79.1', 'Mialgia', 'M79')");
        var drugs = new DrugCatalogue(_t.Db, _t.Clock);
        drugs.EnsureLoaded();
        drugs.EnsureFornasClasses();
        var settings = new PharmacySettingsStore(_t.Settings);
        settings.Save(new PharmacySettings { PharmacistName = "apt. Dewi Kartika, S.Farm.", PharmacistNip = "198904172015032004" });
        var clock = new PharmacyClock(_t.Settings, _t.Clock);
        var stock = new StockService(_t.Db, drugs, settings, clock);
        var dispensing = new DispensingService(_t.Db, drugs, clock);

        _t.Clock.Now = ReportDatabase.Local("2026-10-01 09:00");
        stock.Receive(new ReceiptInput
        {
            DocumentNumber = "SBBK/2026/10/001", Source = "IFK Kota Uji", Funding = "apbd",
            Lines = [new() { Drug = "OB011", Batch = "AMX2610", Expiry = "2027-12-31", Quantity = 400 }],
        }, "apoteker");

        _t.Clock.Now = ReportDatabase.DefaultNow;
        var v1 = _t.Visit(_t.Patient("P", "1990-01-01", "Ani Lestari"), "2026-10-12 08:00", startAfter: 10, finishAfter: 10);
        var v2 = _t.Visit(_t.Patient("L", "1985-03-03", "Budi Santoso"), "2026-10-12 08:30", startAfter: 10, finishAfter: 10);
        var v3 = _t.Visit(_t.Patient("P", "1970-07-07", "Citra Dewi"), "2026-10-12 09:00", startAfter: 10, finishAfter: 10);
        _t.Diagnosis(v1, "J06.9", "baru", primary: true);
        _t.Diagnosis(v2, "J06.9", "baru", primary: true);
        _t.Diagnosis(v3, "M79.1", "baru", primary: true);
        var rx1 = Prescribe(v1, "OB011", 100);
        var rx2 = Prescribe(v2, "OB011", 50);
        Prescribe(v2, "OB001", 10);
        Prescribe(v3, "OB006", 10);
        _t.Clock.Now = ReportDatabase.Local("2026-10-12 11:00");
        dispensing.Dispense(v1, rx1, new DispenseInput(), "apoteker");
        dispensing.Dispense(v2, rx2, new DispenseInput(), "apoteker");
        _t.Clock.Now = ReportDatabase.Local("2026-10-20 14:00");
        var batch = stock.Batches("OB011").Single();
        stock.Adjust(new AdjustmentInput { BatchId = batch.Id, Reason = "rusak", Quantity = 5 }, "apoteker");
        _t.Clock.Now = ReportDatabase.DefaultNow;
    }

    private long Prescribe(long visit, string drug, double quantity)
    {
        using var c = _t.Db.Open();
        return c.ExecuteScalar<long>("""
            INSERT INTO prescriptions (visit_id, drug_code, dose, quantity, days, created_at, created_by)
            VALUES (@visit, @drug, '3x1', @quantity, 3, '2026-10-12T02:00:00.000Z', 'dokter') RETURNING id
            """, new { visit, drug, quantity });
    }

    [Fact]
    public void LPLPO_sheet_read_back_has_the_hand_computed_row_and_both_signatures()
    {
        Seed();
        var path = _t.TempFile("lplpo.xlsx");
        MonthlyWorkbookWriter.Save(_t.Build(), path);
        using var wb = new XLWorkbook(path);
        var ws = wb.Worksheet("LPLPO");

        Assert.Equal("LAPORAN PEMAKAIAN DAN LEMBAR PERMINTAAN OBAT (LPLPO)", ws.Cell(1, 1).GetString());
        Assert.Equal(["No", "Kode", "Nama obat", "Satuan", "Stok awal", "Penerimaan", "Persediaan", "Pemakaian"],
            Enumerable.Range(1, 8).Select(c => ws.Cell(7, c).GetString()));
        Assert.Equal("13 = 12−11", ws.Cell(8, 13).GetString());
        var row = ws.RowsUsed().Single(r => r.Cell(2).GetString() == "OB011");
        Assert.Equal("Amoksisilin 500 mg", row.Cell(3).GetString());
        Assert.Equal("kapsul", row.Cell(4).GetString());
        Assert.Equal([0d, 400, 400, 150, 5, 0, 245, 68, 0], Enumerable.Range(5, 9).Select(c => row.Cell(c).GetDouble()));
        Assert.Equal(XLDataType.Number, row.Cell(11).DataType);
        Assert.Equal(4.9, row.Cell(15).GetDouble(), 3);
        Assert.True(row.Cell(14).IsEmpty()); // Pemberian: the warehouse fills it in
        Assert.Contains(ws.CellsUsed(), c => c.GetString() == "Pengelola obat");
        Assert.Contains(ws.CellsUsed(), c => c.GetString() == "apt. Dewi Kartika, S.Farm.");
        Assert.Contains(ws.CellsUsed(), c => c.GetString() == "NIP. 198904172015032004");
        Assert.Contains(ws.CellsUsed(), c => c.GetString().StartsWith("Kepala Puskesmas", StringComparison.Ordinal));
        // Every active drug of the formulary has its row.
        Assert.Equal(new DrugCatalogue(_t.Db, _t.Clock).All().Count(d => d.Active),
            ws.RowsUsed().Count(r => r.Cell(2).GetString().StartsWith("OB", StringComparison.Ordinal)));
    }

    [Fact]
    public void POR_sheet_read_back_has_the_indicators_against_their_targets()
    {
        Seed();
        var report = _t.Build();
        var path = _t.TempFile("por.xlsx");
        MonthlyWorkbookWriter.Save(report, path);
        using var wb = new XLWorkbook(path);
        var ws = wb.Worksheet("POR");

        var ispa = ws.RowsUsed().Single(r => r.Cell(2).GetString() == "ISPA non-pneumonia yang mendapat antibiotik");
        Assert.Equal((2d, 2d, 100d, "≤ 20", "Melebihi target"),
            (ispa.Cell(3).GetDouble(), ispa.Cell(4).GetDouble(), ispa.Cell(5).GetDouble(), ispa.Cell(6).GetString(), ispa.Cell(7).GetString()));
        var diarrhea = ws.RowsUsed().Single(r => r.Cell(2).GetString() == "Diare non-spesifik yang mendapat antibiotik");
        Assert.Equal((0d, "Tidak ada kasus"), (diarrhea.Cell(3).GetDouble(), diarrhea.Cell(7).GetString()));
        Assert.True(diarrhea.Cell(5).IsEmpty());
        var myalgia = ws.RowsUsed().Single(r => r.Cell(2).GetString() == "Myalgia yang mendapat injeksi");
        Assert.Equal((1d, 0d, 0d, "Sesuai target"), (myalgia.Cell(3).GetDouble(), myalgia.Cell(4).GetDouble(), myalgia.Cell(5).GetDouble(), myalgia.Cell(7).GetString()));
        var items = ws.RowsUsed().Single(r => r.Cell(2).GetString().StartsWith("Rerata item obat per resep", StringComparison.Ordinal));
        Assert.Equal((3d, 4d), (items.Cell(3).GetDouble(), items.Cell(4).GetDouble()));
        Assert.Equal(1.33, items.Cell(5).GetDouble(), 3);

        // The same numbers go to the district (package schema 2).
        var values = report.ToValues().ToList();
        Assert.Contains(values, v => v.DataElement == "LPLPO.SISA" && v.Disaggregation["drug"] == "OB011" && v.Value == 245);
        Assert.Contains(values, v => v.DataElement == "POR.KASUS" && v.Disaggregation["kelompok"] == "ispa" && v.Value == 2);
        Assert.Contains(values, v => v.DataElement == "POR.DIBERI" && v.Disaggregation["kelompok"] == "ispa" && v.Value == 2);
        Assert.DoesNotContain(values, v => v.DataElement.StartsWith("LPLPO.", StringComparison.Ordinal) && v.Value <= 0);
    }
}
