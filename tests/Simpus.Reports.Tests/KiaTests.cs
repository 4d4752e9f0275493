using ClosedXML.Excel;
using Simpus.Cli;
using Simpus.Cli.Commands;
using Simpus.Core.Examinations;
using Simpus.Core.Kia;
using Simpus.Exchange;
using Simpus.Reports.Kia;
using Simpus.Reports.Lb1;

namespace Simpus.Reports.Tests;

/// <summary>
/// Pregnancies built contact by contact through the real <see cref="KiaService"/>, counted for October 2026 and read back
/// from the saved workbook and from the district package:
/// <list type="bullet">
/// <item>Ani (HPHT 2026-03-02): weeks 8 (bidan), 12 (dokter: still trimester 1), 13 (trimester 2), 24 (still trimester 2),
/// 25 (trimester 3), 30 (dokter), 33. K1 akses and murni in April; K4 at week 30 (September: at week 25 only one T3 contact);
/// K6 at week 33 (October).</item>
/// <item>Bunga (HPHT 2026-01-05): 7 contacts with T1/T2/T3 = 2/1/4 but no doctor in trimester 1: K4 in August, never K6;
/// delivered 2026-10-05 at the puskesmas by a bidan (Pn and PF).</item>
/// <item>Citra: no HPHT, no gestational age: K1 akses in October only ("data belum lengkap").</item>
/// <item>Dewi: two pregnancies in a year: the first (first contact 2025) delivered 2026-02-02 at home by a dukun (neither Pn
/// nor PF), the second starts with a contact at week 14 on 2026-10-12 (K1 akses, not murni).</item>
/// <item>Eka: delivered at home by a bidan on 2026-10-21 (Pn, not PF). Fitri: a contact on a cancelled visit, Gita: a contact
/// removed again (voided): neither counts.</item>
/// </list>
/// </summary>
public sealed class KiaTests : IDisposable
{
    private readonly ReportDatabase _t = new();
    private readonly KiaService _kia;
    private static readonly ClinicalActor Admin = new("uji", "admin", null);

    public KiaTests()
    {
        _kia = new KiaService(_t.Db, _t.Visits, _t.Settings, _t.Clock);
        Seed();
    }

    public void Dispose() => _t.Dispose();

    private void Seed()
    {
        var ani = _t.Patient("P", "1995-02-01", "Ani Lestari");
        foreach (var (week, by) in new[] { (8, "bidan"), (12, "dokter"), (13, "bidan"), (24, "bidan"), (25, "bidan"), (30, "dokter"), (33, "bidan") })
        {
            Contact(ani, new DateOnly(2026, 3, 2).AddDays(7 * week), new AntenatalInput { GivenBy = by, Lmp = "2026-03-02", Gravida = 2, Para = 1, Abortus = 0 });
        }

        var bunga = _t.Patient("P", "1996-02-01", "Bunga Citra");
        foreach (var (week, by) in new[] { (6, "bidan"), (10, "bidan"), (16, "bidan"), (28, "bidan"), (32, "dokter"), (36, "bidan"), (38, "bidan") })
        {
            Contact(bunga, new DateOnly(2026, 1, 5).AddDays(7 * week), new AntenatalInput { GivenBy = by, Lmp = "2026-01-05" });
        }
        Delivery(bunga, "2026-10-06", "2026-10-05", "puskesmas", "bidan");

        var citra = _t.Patient("P", "1997-02-01", "Citra Ayu");
        Contact(citra, new DateOnly(2026, 10, 6), new AntenatalInput { GivenBy = "bidan" });
        Contact(citra, new DateOnly(2026, 10, 20), new AntenatalInput { GivenBy = "bidan" });

        var dewi = _t.Patient("P", "1993-02-01", "Dewi Sartika");
        _t.Clock.Now = new DateTimeOffset(2026, 2, 10, 9, 0, 0, TimeSpan.FromHours(7));   // recorded at the time, not a year later
        Contact(dewi, new DateOnly(2025, 6, 16), new AntenatalInput { GivenBy = "bidan", Lmp = "2025-05-05" });
        Contact(dewi, new DateOnly(2025, 12, 1), new AntenatalInput { GivenBy = "bidan" });
        Delivery(dewi, "2026-02-03", "2026-02-02", "rumah", "dukun");
        _t.Clock.Now = ReportDatabase.DefaultNow;
        Contact(dewi, new DateOnly(2026, 10, 12), new AntenatalInput { GivenBy = "bidan", GestationalWeek = 14 });

        var eka = _t.Patient("P", "1994-02-01", "Eka Putri");
        Delivery(eka, "2026-10-22", "2026-10-21", "rumah", "bidan");

        var fitri = _t.Patient("P", "1998-02-01", "Fitri Handayani");
        var cancelled = Contact(fitri, new DateOnly(2026, 10, 7), new AntenatalInput { GivenBy = "bidan", GestationalWeek = 8 });
        _t.Cancel(cancelled);

        var gita = _t.Patient("P", "1999-02-01", "Gita Savitri");
        var removed = Contact(gita, new DateOnly(2026, 10, 8), new AntenatalInput { GivenBy = "bidan", GestationalWeek = 9 });
        _kia.Save(removed, new KiaInput(), Admin);
    }

    private long Contact(string rm, DateOnly date, AntenatalInput antenatal)
    {
        var visit = _t.Visit(rm, date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + " 08:00", "kia");
        _kia.Save(visit, new KiaInput { Antenatal = antenatal }, Admin);
        return visit;
    }

    private void Delivery(string rm, string visitDay, string deliveryDate, string place, string helper)
    {
        var visit = _t.Visit(rm, visitDay + " 08:00", "kia");
        _kia.Save(visit, new KiaInput { Delivery = new DeliveryInput { DeliveryDate = deliveryDate, Place = place, Helper = helper }, Kf = 1 }, Admin);
    }

    [Fact]
    public void Antenatal_indicators_count_each_pregnancy_in_the_month_it_first_meets_them()
    {
        var kia = _t.Build().Kia;

        Assert.Equal((2, 4), (kia[KiaIndicators.K1].Month, kia[KiaIndicators.K1].YearToDate));            // Citra, Dewi's 2nd | + Ani, Bunga
        Assert.Equal((0, 2), (kia[KiaIndicators.K1Murni].Month, kia[KiaIndicators.K1Murni].YearToDate));  // Ani (April), Bunga (February)
        Assert.Equal((0, 2), (kia[KiaIndicators.K4].Month, kia[KiaIndicators.K4].YearToDate));            // Ani (September), Bunga (August)
        Assert.Equal((1, 1), (kia[KiaIndicators.K6].Month, kia[KiaIndicators.K6].YearToDate));            // Ani only: Bunga had no doctor in T1
        Assert.Equal((2, 2), (kia[KiaIndicators.Pn].Month, kia[KiaIndicators.Pn].YearToDate));            // Bunga, Eka; not Dewi's dukun
        Assert.Equal((1, 1), (kia[KiaIndicators.Pf].Month, kia[KiaIndicators.Pf].YearToDate));            // Bunga only
        Assert.Equal(1, kia.UndatedK1);                                                                    // Citra
        var september = _t.Build(2026, 9).Kia;
        Assert.Equal((1, 2), (september[KiaIndicators.K4].Month, september[KiaIndicators.K4].YearToDate));
        Assert.Equal(0, september[KiaIndicators.K6].YearToDate);
    }

    [Fact]
    public void Moving_the_trimester_boundaries_in_the_settings_changes_the_counts()
    {
        _t.Settings.SetValue(TrimesterBoundaries.KeyTrimester1, "11");

        var kia = _t.Build().Kia;

        // Week 12 by the doctor is now trimester 2: Ani has one T1 contact and no doctor in T1, so no K6.
        Assert.Equal(0, kia[KiaIndicators.K6].YearToDate);
        Assert.Equal(11, kia.Boundaries.Trimester1MaxWeeks);
    }

    [Fact]
    public void The_saved_workbook_and_the_district_package_carry_the_same_counts()
    {
        var path = _t.TempFile("kia.xlsx");
        MonthlyWorkbookWriter.Save(_t.Build(), path, ReportLayout.Standard);
        using var wb = new XLWorkbook(path);
        var ws = wb.Worksheet("KIA");
        (double Month, double Ytd) Row(string startsWith)
        {
            var row = ws.RowsUsed().Single(r => r.Cell(2).GetString().StartsWith(startsWith, StringComparison.Ordinal));
            return (row.Cell(5).GetDouble(), row.Cell(6).GetDouble());
        }

        Assert.Equal((2, 4), Row("K1 akses"));
        Assert.Equal((0, 2), Row("K1 murni"));
        Assert.Equal((0, 2), Row("K4 "));
        Assert.Equal((1, 1), Row("K6 "));
        Assert.Equal((2, 2), Row("Pn "));
        Assert.Equal((1, 1), Row("PF "));
        Assert.Contains(ws.RowsUsed(), r => r.Cell(2).GetString().StartsWith("Data belum lengkap: 1 ibu hamil", StringComparison.Ordinal));

        var key = PackageCodec.NewKey();
        var file = _t.TempFile("paket.json");
        var code = new PackageCommand { Clock = _t.Clock }.Run(["--data", _t.Folder, "--month", "2026-10", "--key", key, "--out", file],
            new CliConsole(TextWriter.Null, TextWriter.Null));
        Assert.Equal(ExitCodes.Ok, code);
        var package = PackageCodec.Parse(File.ReadAllBytes(file));
        PackageCodec.Verify(package, key);
        Assert.Equal(MonthlyPackage.CurrentSchemaVersion, package.Package.SchemaVersion);
        decimal Value(string element) => package.Package.Values.Single(v => v.DataElement == element && v.Disaggregation.Count == 0).Value;
        Assert.Equal(2m, Value("KIA.K1"));
        Assert.Equal(0m, Value("KIA.K1_MURNI"));
        Assert.Equal(0m, Value("KIA.K4"));
        Assert.Equal(1m, Value("KIA.K6"));
        Assert.Equal(2m, Value("KIA.PN"));
        Assert.Equal(1m, Value("KIA.PF"));
    }

    [Fact]
    public void Without_sasaran_or_population_coverage_is_empty_not_zero()
    {
        var kia = _t.Build().Kia;

        Assert.All(kia.Indicators, i => Assert.Null(i.Coverage));
        Assert.All(kia.Indicators, i => Assert.Null(i.YearlyTarget));
        Assert.Null(kia[KiaIndicators.S].Month);
    }

    [Fact]
    public void Coverage_uses_entered_sasaran_or_derives_it_from_population_and_the_pws_target_is_annual_over_12_times_month()
    {
        _t.Settings.SetValue("kia.sasaran.bumil", "120");
        _t.Settings.SetValue("kia.penduduk", "10000");
        _t.Settings.SetValue("kia.cbr", "20");

        var kia = _t.Build().Kia;

        var k1 = kia[KiaIndicators.K1];
        Assert.Equal(120m, k1.YearlyTarget);
        Assert.Equal(100.0m, k1.PwsTarget);          // 120 / 12 × 10
        Assert.Equal(83.3m, k1.PwsTargetPercent);
        Assert.Equal(3.3m, k1.Coverage);             // 4 / 120 × 100
        Assert.Equal(120m, kia[KiaIndicators.K1Murni].YearlyTarget);
        Assert.Equal(210m, kia[KiaIndicators.Pn].YearlyTarget);   // 1.05 × 20/1000 × 10,000
        Assert.Equal(210m, kia[KiaIndicators.Pf].YearlyTarget);
        Assert.Equal(200m, kia[KiaIndicators.Kn1].YearlyTarget);  // 20/1000 × 10,000
    }
}
