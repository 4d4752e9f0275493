using Simpus.Core.Ages;
using Simpus.Core.Common;
using Simpus.Core.Patients;

namespace Simpus.Reports.Tests;

/// <summary>Babies registered with an estimated age in months or days land in the LB1 band of their age at each visit date.</summary>
public sealed class InfantAgeTests : IDisposable
{
    private readonly ReportDatabase _t = new();

    public void Dispose() => _t.Dispose();

    private static int Band(string code) => AgeBands.Lb1.Select((b, i) => (b, i)).Single(x => x.b.Code == code).i;

    private Patient Baby(string name, int age, string unit) =>
        _t.Patients.Register(new PatientInput { Name = name, Sex = "L", EstimatedAge = age, EstimatedAgeUnit = unit }, "uji");

    [Fact]
    public void Babies_registered_by_months_or_days_count_in_the_band_of_their_age_at_the_visit_date()
    {
        // Today is 10 November 2026 (ReportDatabase.DefaultNow).
        var threeMonths = Baby("Bayi Tiga Bulan", 3, "bulan");
        var tenDays = Baby("Bayi Sepuluh Hari", 10, "hari");
        var fiveDays = Baby("Bayi Lima Hari", 5, "hari");
        var twentyDays = Baby("Bayi Dua Puluh Hari", 20, "hari");
        foreach (var baby in new[] { threeMonths, tenDays, fiveDays, twentyDays })
        {
            _t.Diagnosis(_t.Visit(baby.Rm, "2026-11-10 08:30"), "J06.9", "baru", primary: true);
        }
        // The same "20 hari" baby fifteen days later is 35 days old: 29 hari–<1 tahun.
        _t.Clock.Now = ReportDatabase.Local("2026-11-25 10:00");
        _t.Diagnosis(_t.Visit(twentyDays.Rm, "2026-11-25 08:00"), "A09", "baru", primary: true);

        var lb1 = _t.Build(2026, 11).Lb1;
        var j06 = lb1.Rows.Single(r => r.Code == "J06.9");
        var a09 = lb1.Rows.Single(r => r.Code == "A09");

        Assert.Equal(new DateOnly(2026, 8, 10), threeMonths.BirthDate);
        Assert.True(threeMonths.BirthDateEstimated);
        Assert.Equal(1, j06.New(Band("29h-1t"), "L"));      // "3 bulan", never 0–7 hari
        Assert.Equal(2, j06.New(Band("8-28h"), "L"));       // 10 and 20 days
        Assert.Equal(1, j06.New(Band("0-7h"), "L"));        // 5 days
        Assert.Equal(1, a09.New(Band("29h-1t"), "L"));
    }

    [Theory]
    [InlineData(0, "tahun", "estimatedAge.range")]      // "0 tahun" would make a 3-month-old a newborn: months or days instead
    [InlineData(61, "bulan", "estimatedAge.range")]
    [InlineData(366, "hari", "estimatedAge.range")]
    [InlineData(2, "minggu", "estimatedAgeUnit.invalid")]
    public void Estimated_ages_outside_their_unit_are_refused_and_nothing_is_stored(int age, string unit, string code)
    {
        var error = Assert.Throws<ValidationFailedException>(() => Baby("Bayi Salah", age, unit));

        Assert.Contains(error.Errors, e => e.Code == code);
        Assert.Empty(_t.Patients.Search("Bayi Salah"));
    }

    [Fact]
    public void The_kab_kota_in_the_report_header_is_named_from_the_region_list()
    {
        Assert.Equal("Kota Salatiga", _t.Build(2026, 11).Header.RegionName);
    }
}
