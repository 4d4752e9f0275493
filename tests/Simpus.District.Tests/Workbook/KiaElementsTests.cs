using Simpus.District.Dhis2;
using Simpus.District.Quality;
using Simpus.District.Workbook;

namespace Simpus.District.Tests.Workbook;

/// <summary>The district understands the antenatal elements of issue 9 (K1 akses, K1 murni, K4, K6, Pn, PF): names, ranking, rules, DHIS2.</summary>
public sealed class KiaElementsTests
{
    private static ValueSet Clinic(decimal k1, decimal murni, decimal pf)
    {
        var v = new ValueSet();
        v.Add("KIA.K1", "", k1);
        v.Add("KIA.K1_MURNI", "", murni);
        v.Add("KIA.PF", "", pf);
        v.Add("KIA.SASARAN", "indicator=K1", 120);
        v.Add("KIA.SASARAN", "indicator=K1_MURNI", 120);
        v.Add("KIA.SASARAN", "indicator=PF", 114);
        return v;
    }

    [Fact]
    public void The_workbook_names_the_new_and_changed_elements_in_Indonesian()
    {
        Assert.Equal("K1 akses (kontak pertama ibu hamil)", Labels.Element("KIA.K1"));
        Assert.Equal("K1 murni (kontak pertama pada trimester 1)", Labels.Element("KIA.K1_MURNI"));
        Assert.StartsWith("K6 (≥ 6 kontak", Labels.Element("KIA.K6"));
        Assert.Equal("PF (persalinan di fasilitas kesehatan)", Labels.Element("KIA.PF"));
    }

    [Fact]
    public void The_ranking_takes_K1_murni_and_PF_against_the_PWS_target_in_the_clinic_sheet_order()
    {
        var set = Clinic(10, 9, 8);

        var indicators = Kinerja.Indicators([set]);

        Assert.Equal(["KIA.K1", "KIA.K1_MURNI", "KIA.PF"], indicators.Take(3).Select(i => i.Code));
        Assert.Equal("Cakupan K1 murni (% target PWS)", indicators[1].Name);
        Assert.Equal(90.0m, indicators[1].Percent(set, 1));     // 9 ÷ (120 ÷ 12) × 100
        Assert.Equal(84.2m, indicators[2].Percent(set, 1));     // 8 ÷ (114 ÷ 12) × 100
    }

    [Fact]
    public void K1_murni_above_K1_akses_is_a_rule_violation()
    {
        Assert.DoesNotContain(ValidationRules.Check("P1", Clinic(10, 9, 8)), r => r.Rule == "kia.k1murni-le-k1");
        var violation = Assert.Single(ValidationRules.Check("P1", Clinic(5, 9, 8)), r => r.Rule == "kia.k1murni-le-k1");
        Assert.Contains("K1 murni (9) melebihi K1 akses (5)", violation.Message);
    }

    [Fact]
    public void DHIS2_defaults_name_the_new_elements()
    {
        Assert.Equal(("SIMPUS_KIA_K1_MURNI", "default"), Dhis2Mapping.Default("KIA.K1_MURNI", ""));
        Assert.Equal(("SIMPUS_KIA_PF", "default"), Dhis2Mapping.Default("KIA.PF", ""));
        Assert.Equal(("SIMPUS_KIA_SASARAN_K1_MURNI", "default"), Dhis2Mapping.Default("KIA.SASARAN", "indicator=K1_MURNI"));
    }
}
