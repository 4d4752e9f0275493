using Simpus.Reports.Kia;

namespace Simpus.Reports.Tests;

public sealed class KiaTests : IDisposable
{
    private readonly ReportDatabase _t = new();

    public KiaTests() => Seed();

    public void Dispose() => _t.Dispose();

    /// <summary>
    /// M1: K1 in March, K4 on 10-05, delivery by a health worker 10-20 (and one at home by a non-health worker);
    /// M2: K1 10-06; M3: K1 10-07 voided; M4: K1 on a cancelled visit;
    /// M5: KF1 09-28, KF2 10-02, KF3 10-10, KF4 10-25 (lengkap); M6: KF1, KF3, KF4 only;
    /// B1: KN1 10-02, KN2 10-05, KN3 10-15 (lengkap);
    /// Ch1 (born 2025-11-15): every basic dose, the last 2026-10-14 (before the first birthday), weighed twice in October;
    /// Ch2 (born 2025-10-01): every basic dose, the last 2026-10-05 (after the first birthday);
    /// Ch3 (born 2021-10-10): weighed 2026-10-10, his fifth birthday (not a balita any more).
    /// </summary>
    private void Seed()
    {
        var m1 = _t.Patient("P", "1995-02-01", "Sari Wulandari");
        Antenatal(_t.Visit(m1, "2026-03-10 08:00", "kia"), m1, 1);
        Antenatal(_t.Visit(m1, "2026-10-05 08:00", "kia"), m1, 4);
        _t.Sql("INSERT INTO kia_deliveries (patient_id, delivery_date, place, by_health_worker) VALUES (@p, '2026-10-20', 'puskesmas', 1)", new { p = _t.PatientId(m1) });
        _t.Sql("INSERT INTO kia_deliveries (patient_id, delivery_date, place, by_health_worker) VALUES (@p, '2026-10-21', 'rumah', 0)", new { p = _t.PatientId(m1) });
        var m2 = _t.Patient("P", "1996-02-01", "Rina Anggraini");
        Antenatal(_t.Visit(m2, "2026-10-06 08:00", "kia"), m2, 1);
        var m3 = _t.Patient("P", "1997-02-01", "Tuti Handayani");
        Antenatal(_t.Visit(m3, "2026-10-07 08:00", "kia"), m3, 1, voided: true);
        var m4 = _t.Patient("P", "1998-02-01", "Umi Hasanah");
        var cancelled = _t.Visit(m4, "2026-10-07 09:00", "kia");
        Antenatal(cancelled, m4, 1);
        _t.Cancel(cancelled);

        var m5 = _t.Patient("P", "1993-02-01", "Yanti Safitri");
        foreach (var (day, kf) in new[] { ("2026-09-28", 1), ("2026-10-02", 2), ("2026-10-10", 3), ("2026-10-25", 4) })
        {
            Postnatal(_t.Visit(m5, day + " 08:00", "kia"), m5, kf);
        }
        var m6 = _t.Patient("P", "1994-02-01", "Lina Marlina");
        foreach (var (day, kf) in new[] { ("2026-09-28", 1), ("2026-10-10", 3), ("2026-10-25", 4) })
        {
            Postnatal(_t.Visit(m6, day + " 08:00", "kia"), m6, kf);
        }

        var b1 = _t.Patient("L", "2026-09-30", "Bayi Sari");
        foreach (var (day, kn) in new[] { ("2026-10-02", 1), ("2026-10-05", 2), ("2026-10-15", 3) })
        {
            Neonatal(_t.Visit(b1, day + " 08:00", "kia"), b1, kn);
        }

        ImmunizeFully(_t.Patient("P", "2025-11-15", "Nabila Putri"), "2026-10-14", weighed: true);
        ImmunizeFully(_t.Patient("L", "2025-10-01", "Dimas Saputra"), "2026-10-05", weighed: false);
        var ch3 = _t.Patient("L", "2021-10-10", "Galih Pratama");
        Growth(_t.Visit(ch3, "2026-10-10 08:00", "anak"), ch3);
    }

    private void ImmunizeFully(string rm, string lastDate, bool weighed)
    {
        var visit = _t.Visit(rm, "2026-04-01 08:00", "kia");
        var doses = new[] { ("HB0", 1), ("BCG", 1), ("POLIO", 1), ("POLIO", 2), ("POLIO", 3), ("POLIO", 4), ("DPT-HB-HIB", 1), ("DPT-HB-HIB", 2), ("DPT-HB-HIB", 3), ("IPV", 1) };
        foreach (var (antigen, dose) in doses)
        {
            _t.Sql("INSERT INTO kia_immunizations (visit_id, patient_id, antigen, dose, given_date) VALUES (@visit, @p, @antigen, @dose, '2026-04-01')",
                new { visit, p = _t.PatientId(rm), antigen, dose });
        }
        var last = _t.Visit(rm, lastDate + " 08:00", "kia");
        _t.Sql("INSERT INTO kia_immunizations (visit_id, patient_id, antigen, dose, given_date) VALUES (@last, @p, 'CAMPAK-RUBELLA', 1, @lastDate)",
            new { last, p = _t.PatientId(rm), lastDate });
        if (weighed)
        {
            Growth(last, rm);
            Growth(_t.Visit(rm, "2026-10-28 08:00", "anak"), rm);
        }
    }

    private void Antenatal(long visit, string rm, int number, bool voided = false) =>
        _t.Sql("""
            INSERT INTO kia_antenatal (visit_id, patient_id, gestational_week, visit_number, voided_at, voided_by, void_reason)
            VALUES (@visit, @p, 20, @number, CASE WHEN @voided THEN '2026-10-08' END, CASE WHEN @voided THEN 'uji' END, CASE WHEN @voided THEN 'salah' END)
            """, new { visit, p = _t.PatientId(rm), number, voided });

    private void Postnatal(long visit, string rm, int kf) =>
        _t.Sql("INSERT INTO kia_postnatal (visit_id, patient_id, kf_number) VALUES (@visit, @p, @kf)", new { visit, p = _t.PatientId(rm), kf });

    private void Neonatal(long visit, string rm, int kn) =>
        _t.Sql("INSERT INTO kia_neonatal (visit_id, patient_id, kn_number) VALUES (@visit, @p, @kn)", new { visit, p = _t.PatientId(rm), kn });

    private void Growth(long visit, string rm) =>
        _t.Sql("INSERT INTO kia_growth (visit_id, patient_id, weight) VALUES (@visit, @p, 8.5)", new { visit, p = _t.PatientId(rm) });

    [Fact]
    public void Indicators_count_the_month_and_the_year_to_date_without_voided_or_cancelled()
    {
        var kia = _t.Build().Kia;

        Assert.Equal((1, 2), (kia[KiaIndicators.K1].Month, kia[KiaIndicators.K1].YearToDate));
        Assert.Equal((1, 1), (kia[KiaIndicators.K4].Month, kia[KiaIndicators.K4].YearToDate));
        Assert.Equal((0, 0), (kia[KiaIndicators.K6].Month, kia[KiaIndicators.K6].YearToDate));
        Assert.Equal(1, kia[KiaIndicators.Pn].Month);
        Assert.Equal(1, kia[KiaIndicators.KfLengkap].Month);
        Assert.Equal(1, kia[KiaIndicators.Kn1].Month);
        Assert.Equal(1, kia[KiaIndicators.KnLengkap].Month);
        Assert.Equal(1, kia[KiaIndicators.Idl].Month);
        Assert.Equal(1, kia[KiaIndicators.D].Month);
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
        Assert.Equal(1.7m, k1.Coverage);             // 2 / 120 × 100
        Assert.Equal(210m, kia[KiaIndicators.Pn].YearlyTarget);   // 1.05 × 20/1000 × 10,000
        Assert.Equal(200m, kia[KiaIndicators.Kn1].YearlyTarget);  // 20/1000 × 10,000
        Assert.Equal(0.5m, kia[KiaIndicators.Kn1].Coverage);
        Assert.Null(kia[KiaIndicators.D].Coverage);                // no sasaran balita
        _t.Settings.SetValue("kia.sasaran.balita", "50");
        Assert.Equal(2.0m, _t.Build().Kia[KiaIndicators.D].Coverage);
    }
}
