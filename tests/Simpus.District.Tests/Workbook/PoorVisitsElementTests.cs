using Simpus.District.Dhis2;
using Simpus.District.Quality;
using Simpus.District.Workbook;

namespace Simpus.District.Tests.Workbook;

/// <summary>KUNJUNGAN.MISKIN: the visits under the payers a clinic marks as for the poor, sent instead of guessed from payer codes.</summary>
public sealed class PoorVisitsElementTests
{
    private static ValueSet Clinic(decimal visits, decimal poor)
    {
        var v = new ValueSet();
        v.Add("KUNJUNGAN", "sex=L;type=baru", visits);
        v.Add("KUNJUNGAN.MISKIN", "", poor);
        return v;
    }

    [Fact]
    public void More_visits_of_the_poor_than_visits_is_a_rule_violation()
    {
        Assert.DoesNotContain(ValidationRules.Check("P1", Clinic(40, 40)), r => r.Rule == "miskin-le-kunjungan");
        var violation = Assert.Single(ValidationRules.Check("P1", Clinic(40, 41)), r => r.Rule == "miskin-le-kunjungan");
        Assert.Contains("Kunjungan penduduk miskin (41) melebihi kunjungan (40)", violation.Message);
    }

    [Fact]
    public void The_workbook_and_DHIS2_name_the_element()
    {
        Assert.Equal("Kunjungan dengan jaminan penduduk miskin", Labels.Element("KUNJUNGAN.MISKIN"));
        Assert.Equal(("SIMPUS_KUNJUNGAN_MISKIN", "default"), Dhis2Mapping.Default("KUNJUNGAN.MISKIN", ""));
    }
}
