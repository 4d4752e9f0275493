using Simpus.Reports.Kia;

namespace Simpus.Reports.Tests;

/// <summary>
/// KF, KN, immunisation and weighing (the KIA indicators that are not antenatal):
/// M5: KF1 09-28, KF2 10-02, KF3 10-10, KF4 10-25 (lengkap); M6: KF1, KF3, KF4 only;
/// B1: KN1 10-02, KN2 10-05, KN3 10-15 (lengkap);
/// Ch1 (born 2025-11-15): every basic dose, the last 2026-10-14 (before the first birthday), weighed twice in October;
/// Ch2 (born 2025-10-01): every basic dose, the last 2026-10-05 (after the first birthday);
/// Ch3 (born 2021-10-10): weighed 2026-10-10, his fifth birthday (not a balita any more).
/// </summary>
public sealed class KiaChildTests : IDisposable
{
    private readonly ReportDatabase _t = new();

    public KiaChildTests() => Seed();

    public void Dispose() => _t.Dispose();

    private void Seed()
    {
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

    private void Postnatal(long visit, string rm, int kf) =>
        _t.Sql("INSERT INTO kia_postnatal (visit_id, patient_id, kf_number) VALUES (@visit, @p, @kf)", new { visit, p = _t.PatientId(rm), kf });

    private void Neonatal(long visit, string rm, int kn) =>
        _t.Sql("INSERT INTO kia_neonatal (visit_id, patient_id, kn_number) VALUES (@visit, @p, @kn)", new { visit, p = _t.PatientId(rm), kn });

    private void Growth(long visit, string rm) =>
        _t.Sql("INSERT INTO kia_growth (visit_id, patient_id, weight) VALUES (@visit, @p, 8.5)", new { visit, p = _t.PatientId(rm) });

    [Fact]
    public void Postnatal_neonatal_immunisation_and_weighing_indicators_count_the_month()
    {
        var kia = _t.Build().Kia;

        Assert.Equal(1, kia[KiaIndicators.KfLengkap].Month);
        Assert.Equal(1, kia[KiaIndicators.Kn1].Month);
        Assert.Equal(1, kia[KiaIndicators.KnLengkap].Month);
        Assert.Equal(1, kia[KiaIndicators.Idl].Month);
        Assert.Equal(1, kia[KiaIndicators.D].Month);
    }

    [Fact]
    public void D_over_s_uses_the_sasaran_balita()
    {
        Assert.Null(_t.Build().Kia[KiaIndicators.D].Coverage);
        _t.Settings.SetValue("kia.sasaran.balita", "50");
        Assert.Equal(2.0m, _t.Build().Kia[KiaIndicators.D].Coverage);
    }
}
