using Simpus.Core.Catalogue;
using Simpus.Core.Common;
using Simpus.Core.Pharmacy;

namespace Simpus.Core.Tests.Pharmacy;

public sealed class LplpoPorTests : IDisposable
{
    private readonly PharmacyDb _db = new();

    /// <summary>
    /// Amoxicillin 500 mg from August to October 2026, computed by hand:
    /// Aug: +500 received, −300 used. Sep: +300 received, −240 used, opname 260 → 258 (−2).
    /// Oct: +400 received (a batch expiring 31 Dec), −360 used (FEFO: all from that batch), −5 damaged (older batch).
    /// October: stok awal 258, penerimaan 400, persediaan 658, pemakaian 360, rusak 5, sisa 293;
    /// average use (300 + 240 + 360) / 3 = 300; stok optimum = 300 × 1 + 300 × 0.25 + 10 % × 300 = 405; permintaan = 405 − 293 = 112;
    /// ketersediaan 293 / 300 = 0.98 → 1.0 month; 40 units (the Dec batch) expire within 3 months of 31 Oct.
    /// </summary>
    [Fact]
    public void The_months_LPLPO_row_equals_the_hand_computed_fixture()
    {
        _db.Clock.Day("2026-08-03");
        _db.Receive("OB011", "AMX-X", "2027-12-31", 500);
        Use("2026-08-10", 100, 100, 100);
        _db.Clock.Day("2026-09-02");
        _db.Receive("OB011", "AMX-X", "2027-12-31", 300);
        Use("2026-09-15", 120, 120);
        _db.Clock.Day("2026-09-30");
        var x = _db.BatchId("OB011", "AMX-X");
        _db.Stock.Count(new OpnameInput { Lines = [new() { BatchId = x, Counted = 258 }] }, "apoteker");
        _db.Clock.Day("2026-10-01");
        _db.Receive("OB011", "AMX-Y", "2026-12-31", 400);
        Use("2026-10-12", 150, 150, 60);
        _db.Clock.Day("2026-10-20");
        _db.Stock.Adjust(new AdjustmentInput { BatchId = x, Reason = "rusak", Quantity = 5, Note = "Kemasan basah" }, "apoteker");
        // A second drug that ran out on 10 October: 22 days without stock (10–31 Oct).
        _db.Clock.Day("2026-10-01");
        _db.Receive("OB054", "CTM-1", "2028-01-31", 20);
        Use("2026-10-10", drug: "OB054", quantities: 20);
        _db.Clock.Day("2026-11-10");

        var report = Lplpo.Build(_db.Db, _db.PharmacySettings.Get(), 2026, 10, _db.PharmacyClock.Today);
        var row = report.Rows.Single(r => r.Code == "OB011");

        Assert.Equal(
            (258, 400, 658, 360, 5, 0, 293, 300m, 405, 112, (decimal?)1.0m, 0, 40),
            (row.StokAwal, row.Penerimaan, row.Persediaan, row.Pemakaian, row.RusakHilang, row.SelisihOpname, row.SisaStok, row.PemakaianRataRata,
             row.StokOptimum, row.Permintaan, row.Ketersediaan, row.HariKosong, row.HampirKedaluwarsa));
        Assert.Equal("Amoksisilin 500 mg", row.Name);
        Assert.Equal("kapsul", row.Unit);
        var september = Lplpo.Build(_db.Db, _db.PharmacySettings.Get(), 2026, 9, _db.PharmacyClock.Today).Rows.Single(r => r.Code == "OB011");
        Assert.Equal((200, 300, 240, -2, 258), (september.StokAwal, september.Penerimaan, september.Pemakaian, september.SelisihOpname, september.SisaStok));
        var ctm = report.Rows.Single(r => r.Code == "OB054");
        Assert.Equal((0, 20, 20, 0, 22), (ctm.StokAwal, ctm.Penerimaan, ctm.Pemakaian, ctm.SisaStok, ctm.HariKosong));
        // Every active drug has a row (the form lists the formulary); untouched ones are all zero.
        Assert.Equal(_db.Drugs.All().Count(d => d.Active), report.Rows.Count);
        Assert.False(report.Rows.Single(r => r.Code == "OB165").HasData);
    }

    [Fact]
    public void Planning_settings_change_stok_optimum_and_permintaan_never_goes_below_zero()
    {
        var settings = _db.PharmacySettings.Save(new PharmacySettings { DistributionPeriodMonths = 2, LeadTimeMonths = 0.5m, SafetySharePercent = 20 });

        // avg 300: 300 × 2 + 300 × 0.5 + 20 % × 600 = 870.
        Assert.Equal(870, Planning.OptimumStock(300, settings));
        Assert.Equal(0, Planning.Request(870, 1000));
        Assert.Equal(370, Planning.Request(870, 500));
        Assert.Null(Planning.MonthsOfStock(50, 0));
        var bad = Assert.Throws<ValidationFailedException>(() => _db.PharmacySettings.Save(new PharmacySettings { SafetySharePercent = 150, PorIspaCodes = "J06-J00" }));
        Assert.Contains(bad.Errors, e => e.Field == "safetySharePercent");
        Assert.Contains(bad.Errors, e => e.Field == "porIspaCodes");
    }

    /// <summary>
    /// October visits, by hand: ISPA (single diagnosis) v1 paracetamol+CTM, v2 amoxicillin+paracetamol, v3 (J02.9) amoxicillin,
    /// v4 paracetamol (its amoxicillin voided) → 4 cases, 2 with an antibiotic = 50 %; v5 J06.9 + I10 is not a single-diagnosis case.
    /// Diarrhoea v6 oralit+zinc, v7 metronidazole+oralit, v8 oralit → 3 cases, 1 antibiotic = 33.3 %.
    /// Myalgia v9 mefenamic acid + vitamin B, v10 lidocaine injection → 2 cases, 1 injection = 50 %.
    /// Items: v1 2, v2 2, v3 1, v4 1, v6 2, v7 2, v8 1, v9 2, v10 1 = 14 over 9 prescriptions = 1.56.
    /// A cancelled ISPA visit with amoxicillin and a November visit do not count.
    /// </summary>
    [Fact]
    public void POR_of_a_month_from_a_fixture_of_visits()
    {
        const string day = "2026-10-14";
        Rx(_db.Visit(day, "umum", "J06.9"), "OB001", "OB054");
        Rx(_db.Visit(day, "umum", "J06.9"), "OB011", "OB001");
        Rx(_db.Visit(day, "umum", "J02.9"), "OB011");
        var v4 = _db.Visit(day, "umum", "J00");
        _db.Prescribe(v4, "OB001", 10);
        _db.Prescribe(v4, "OB011", 15, voided: true);
        Rx(_db.Visit(day, "umum", "J06.9", "I10"), "OB011");
        Rx(_db.Visit(day, "umum", "A09"), "OB081", "OB082");
        Rx(_db.Visit(day, "umum", "A09"), "OB017", "OB081");
        Rx(_db.Visit(day, "umum", "A09"), "OB081");
        Rx(_db.Visit(day, "umum", "M79.1"), "OB006", "OB109");
        Rx(_db.Visit(day, "umum", "M79.1"), "OB130");
        Rx(_db.Visit(day, "lansia", "I10"), "OB087");
        var cancelled = _db.Visit(day, "umum", "J06.9");
        Rx(cancelled, "OB011");
        _db.Visits.ChangeStatus(cancelled, new Simpus.Core.Visits.StatusInput { Status = "cancelled", Reason = "Pasien pulang" }, "uji");
        Rx(_db.Visit("2026-11-02", "umum", "J06.9"), "OB011");

        var por = Por.Build(_db.Db, _db.PharmacySettings.Get(), 2026, 10);

        Assert.Equal((4, 2, 50.0m), (por.Ispa.Cases, por.Ispa.Given, por.Ispa.Percent!.Value));
        Assert.False(por.Ispa.MeetsTarget);
        Assert.Equal((3, 1, 33.3m), (por.Diarrhea.Cases, por.Diarrhea.Given, por.Diarrhea.Percent!.Value));
        Assert.Equal((2, 1, 50.0m), (por.Myalgia.Cases, por.Myalgia.Given, por.Myalgia.Percent!.Value));
        Assert.Equal((9, 14, 1.56m), (por.Prescriptions, por.Items, por.ItemsPerPrescription!.Value));
        Assert.True(por.ItemsMeetTarget);
        Assert.Equal((11, 16), (por.AllPrescriptions, por.AllItems));
        Assert.Equal("J00, J01, J02, J03, J04, J05, J06", por.IspaCodes);

        // Without the single-diagnosis rule the ISPA + hypertension visit counts too (5 cases, 3 with an antibiotic).
        var any = Por.Build(_db.Db, _db.PharmacySettings.Get() with { PorSingleDiagnosisOnly = false }, 2026, 10);
        Assert.Equal((5, 3), (any.Ispa.Cases, any.Ispa.Given));
    }

    [Fact]
    public void Drug_catalogue_import_adds_updates_and_reports_bad_lines()
    {
        const string csv = """
            kode;nama;satuan;bentuk;kelas_fornas;stok_minimum
            OB001;Parasetamol 500 mg;tablet;tablet;Analgesik, antipiretik, AINS, antipirai / Analgesik non narkotik;500
            OB900;Amoksisilin klavulanat 625 mg;tablet;tablet;Antiinfeksi / Antibakteri / Beta laktam;
            OB901;;tablet;tablet;;
            OB902;Zinc 10 mg;tablet;tablet;Obat saluran cerna / Antidiare;banyak
            OB001;Parasetamol lagi;tablet;tablet;;
            """;
        var import = new DrugCsvImport(_db.Db, _db.Drugs, _db.Clock);

        var result = import.Import(csv);

        Assert.Equal((5, 1, 1, 0, 3), (result.Lines, result.Added, result.Updated, result.Unchanged, result.Rejected));
        Assert.Equal([4, 5, 6], result.Errors.Select(e => e.Line));
        Assert.Equal(500, _db.Drugs.Find("OB001")!.MinStock);
        Assert.Equal("Antiinfeksi / Antibakteri / Beta laktam", _db.Drugs.Find("OB900")!.FornasClass);
        Assert.Equal("Antiinfeksi / Antibakteri / Beta laktam", _db.Drugs.Find("OB011")!.FornasClass);
        var again = import.Import(csv);
        Assert.Equal((0, 0, 2), (again.Added, again.Updated, again.Unchanged));
        Assert.Equal("file.header", Assert.Throws<ValidationFailedException>(() => import.Import("a,b\n1,2")).Errors.Single().Code);
        Assert.Equal("file.unreadable", Assert.Throws<ValidationFailedException>(() => import.Import("code,name,unit\nX,,\n")).Errors.Single().Code);
    }

    private void Rx(long visit, params string[] drugs)
    {
        foreach (var drug in drugs)
        {
            _db.Prescribe(visit, drug, 10);
        }
    }

    /// <summary>Dispenses the quantities on a day, one visit each.</summary>
    private void Use(string date, params int[] quantities) => Use(date, "OB011", quantities);

    private void Use(string date, string drug, params int[] quantities)
    {
        foreach (var q in quantities)
        {
            _db.DispenseNew(drug, q, date);
        }
    }

    public void Dispose() => _db.Dispose();
}
