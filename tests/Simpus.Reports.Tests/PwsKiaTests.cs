using Simpus.Core.Examinations;
using Simpus.Core.Kia;
using Simpus.Reports.Kia;

namespace Simpus.Reports.Tests;

/// <summary>
/// The PWS KIA per desa runs the monthly KIA report once per desa inside a <see cref="PatientScope"/>: the desa must add up to
/// the puskesmas for every indicator (whatever its definition), the sasaran is split by registered population, and the scope
/// must not leak into later queries.
/// </summary>
public sealed class PwsKiaTests : IDisposable
{
    private const string Kecamatan = "33.73.04";
    private readonly ReportDatabase _t = new();
    private readonly KiaService _kia;
    private static readonly ClinicalActor Bidan = new("uji", "admin", null);

    public PwsKiaTests()
    {
        _kia = new KiaService(_t.Db, _t.Visits, _t.Settings, _t.Clock);
        // Population: desa 1001 has 3 registered patients, desa 2001 has 1, one woman lives in another kecamatan, one has no desa.
        var a = Woman("Sari Wulandari", Kecamatan + ".1001");
        var b = Woman("Rina Anggraini", Kecamatan + ".1001");
        Woman("Tuti Handayani", Kecamatan + ".1001");
        var c = Woman("Umi Hasanah", Kecamatan + ".2001");
        var outside = Woman("Lina Marlina", "33.73.05.1002");
        var unknown = Woman("Yanti Safitri", null);

        Pregnancy(a, "2026-04-06", contacts: 4, delivered: "2026-10-12", baby: "Bayi Sari");
        Pregnancy(b, "2026-07-06", contacts: 2, delivered: null);
        Pregnancy(c, "2026-05-04", contacts: 4, delivered: "2026-10-20", baby: "Bayi Umi");
        Pregnancy(outside, "2026-06-01", contacts: 3, delivered: null);
        Pregnancy(unknown, "2026-09-07", contacts: 1, delivered: null);
        _t.Settings.SetValue("kia.sasaran.bumil", "120");
        _t.Settings.SetValue("kia.sasaran.bulin", "100");
        _t.Settings.SetValue("kia.sasaran.bayi", "90");
    }

    public void Dispose() => _t.Dispose();

    private string Woman(string name, string? region)
    {
        var rm = _t.Patient("P", "1995-02-01", name);
        _t.Sql("UPDATE patients SET region_code = @region WHERE rm = @rm", new { region, rm });
        return rm;
    }

    /// <summary>
    /// Antenatal contacts at weeks 10, 20, 28 and 34 (HPHT 10 weeks before the first; T1, T2, T3, T3) recorded through the
    /// real <see cref="KiaService"/>, a delivery at the puskesmas by a bidan (Pn and PF) and a KN1 for the baby.
    /// </summary>
    private void Pregnancy(string rm, string firstContact, int contacts, string? delivered, string? baby = null)
    {
        var first = DateOnly.Parse(firstContact, System.Globalization.CultureInfo.InvariantCulture);
        var lmp = first.AddDays(-70).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        int[] weeks = [10, 20, 28, 34];
        for (var i = 0; i < contacts; i++)
        {
            var day = first.AddDays(7 * (weeks[i] - weeks[0]));
            var visit = _t.Visit(rm, $"{day:yyyy-MM-dd} 08:00", "kia");
            _kia.Save(visit, new KiaInput { Antenatal = new AntenatalInput { GivenBy = "bidan", Lmp = lmp } }, Bidan);
        }
        if (delivered is not null)
        {
            var visit = _t.Visit(rm, delivered + " 09:00", "kia");
            _kia.Save(visit, new KiaInput { Delivery = new DeliveryInput { DeliveryDate = delivered, Place = "puskesmas", Helper = "bidan" } }, Bidan);
            var babyRm = _t.Patient("L", delivered, baby!);
            var region = RegionOf(rm);
            _t.Sql("UPDATE patients SET region_code = @region WHERE rm = @babyRm", new { region, babyRm });
            var kn = _t.Visit(babyRm, DateOnly.Parse(delivered, System.Globalization.CultureInfo.InvariantCulture).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + " 08:00", "kia");
            _kia.Save(kn, new KiaInput { Kn = 1 }, Bidan);
        }
    }

    private string? RegionOf(string rm)
    {
        using var c = _t.Db.Open();
        return Dapper.SqlMapper.ExecuteScalar<string?>(c, "SELECT region_code FROM patients WHERE rm = @rm", new { rm });
    }

    private PwsKiaReport Pws(KiaReport whole) => PwsKiaQuery.Run(_t.Db, 2026, 10, _t.ReportSettings.Get(), whole);

    [Fact]
    public void The_desa_add_up_to_the_puskesmas_for_every_indicator_in_the_month_and_the_year_to_date()
    {
        var whole = _t.Build().Kia;

        var pws = Pws(whole);

        Assert.Equal(Kecamatan, pws.Kecamatan);
        Assert.Equal(83.3m, pws.TargetPercent);                  // 100 / 12 × 10
        Assert.Equal([Kecamatan + ".1001", Kecamatan + ".2001", PatientScope.OutsideKey, PatientScope.UnknownKey], pws.Desa.Select(d => d.Key));
        var cumulative = whole.Indicators.Where(i => i.YearToDate is not null).ToList();
        Assert.NotEmpty(cumulative);
        foreach (var indicator in cumulative)
        {
            Assert.Equal(indicator.Month, pws.Desa.Sum(d => d[indicator.Code].Month));
            Assert.Equal(indicator.YearToDate, pws.Desa.Sum(d => d[indicator.Code].YearToDate));
        }
        // The split is real: the first antenatal indicator is reached in more than one place, outside the area too.
        var first = cumulative[0].Code;
        Assert.True(pws.Desa.Count(d => d[first].YearToDate > 0) >= 3, "expected first contacts in at least three places");
        Assert.True(whole.Indicators.Single(i => i.Code == KiaIndicators.Pn).YearToDate > 0);
        // The per-pregnancy antenatal indicators of the KIA sheet are all there, per desa.
        Assert.Equal([KiaIndicators.K1, KiaIndicators.K1Murni, KiaIndicators.K4, KiaIndicators.K6, KiaIndicators.Pn, KiaIndicators.Pf],
            pws.Desa[0].Indicators.Select(i => i.Code).Take(6));
        Assert.True(whole[KiaIndicators.K4].YearToDate > 0 && whole[KiaIndicators.Pf].YearToDate > 0);
    }

    [Fact]
    public void A_desa_gets_the_share_of_the_sasaran_of_its_registered_population_and_places_outside_get_none()
    {
        var whole = _t.Build().Kia;

        var pws = Pws(whole);

        var area = pws.Desa.Where(d => d.InArea).ToList();
        // Desa 1001: 3 women + 1 baby, desa 2001: 1 woman + 1 baby: shares 4/6 and 2/6 of the area's 6 registered people.
        Assert.Equal([4, 2], area.Select(d => d.Population));
        foreach (var indicator in whole.Indicators.Where(i => i.YearToDate is not null && i.YearlyTarget is not null))
        {
            Assert.Equal(Math.Round(indicator.YearlyTarget!.Value * 4 / 6, 1), area[0][indicator.Code].YearlyTarget);
            Assert.Equal(Math.Round(indicator.YearlyTarget!.Value * 2 / 6, 1), area[1][indicator.Code].YearlyTarget);
            var v = area[0][indicator.Code];
            Assert.Equal(v.YearlyTarget > 0 ? Math.Round(100m * v.YearToDate / v.YearlyTarget!.Value, 1) : null, v.Coverage);
        }
        Assert.All(pws.Desa.Where(d => !d.InArea), d => Assert.All(d.Indicators, i => Assert.Null(i.YearlyTarget)));
        Assert.All(pws.Desa.Where(d => !d.InArea), d => Assert.All(d.Indicators, i => Assert.Null(i.Coverage)));
    }

    [Fact]
    public void The_scope_ends_with_its_block_and_never_reaches_other_connections()
    {
        var before = _t.Build();

        Pws(before.Kia);
        var after = _t.Build();

        Assert.Equal(before.Kia.Indicators.Select(i => (i.Code, i.Month, i.YearToDate)), after.Kia.Indicators.Select(i => (i.Code, i.Month, i.YearToDate)));
        Assert.Equal(before.Visits.Total, after.Visits.Total);
        using var c = _t.Db.Open();
        Assert.Equal(0L, Dapper.SqlMapper.ExecuteScalar<long>(c, "SELECT COUNT(*) FROM temp.sqlite_schema"));
    }
}
