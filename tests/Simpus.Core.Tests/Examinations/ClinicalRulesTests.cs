using Simpus.Core.Catalogue;
using Simpus.Core.Common;
using Simpus.Core.Examinations;

namespace Simpus.Core.Tests.Examinations;

public sealed class ClinicalRulesTests
{
    [Theory]
    [InlineData("j06.9", "J06.9")]
    [InlineData("J069", "J06.9")]
    [InlineData(" i10 ", "I10")]
    [InlineData("I10.", "I10")]
    [InlineData("m79 1", "M79.1")]
    public void Icd10_codes_are_normalized_to_upper_case_with_the_dot_after_the_category(string typed, string expected) =>
        Assert.Equal(expected, Icd10Catalogue.NormalizeCode(typed));

    [Theory]
    [InlineData("")]
    [InlineData("ispa")]
    [InlineData("1J0")]
    [InlineData("J0")]
    [InlineData("J06.9#")]
    public void Text_that_is_not_shaped_like_an_icd10_code_is_rejected(string typed) =>
        Assert.Null(Icd10Catalogue.NormalizeCode(typed));

    [Fact]
    public void Plausible_vitals_pass_and_implausible_ones_are_named_field_by_field()
    {
        var ok = new Validation();
        VitalSigns.Check(new Vitals { Systolic = 120, Diastolic = 80, Pulse = 80, Respiration = 18, Temperature = 36.8, Weight = 3.2, Height = 49 }, ok);
        var bad = new Validation();
        VitalSigns.Check(new Vitals { Systolic = 90, Diastolic = 95, Temperature = 80, Pulse = 300, Weight = 0 }, bad);
        var halfPressure = new Validation();
        VitalSigns.Check(new Vitals { Systolic = 120 }, halfPressure);

        Assert.False(ok.HasErrors);
        Assert.Equal(["vitals.diastolic", "vitals.pulse", "vitals.temperature", "vitals.weight"], bad.Errors.Select(e => e.Field).Order());
        Assert.Contains(bad.Errors, e => e.Code == "vitals.temperature.range" && e.Message.Contains("80", StringComparison.Ordinal));
        Assert.Equal("vitals.diastolic", Assert.Single(halfPressure.Errors).Field);
    }

    [Fact]
    public void Search_folds_case_and_diacritics()
    {
        Assert.Equal("demam   berdarah dengue", Icd10Catalogue.Fold("Demam – Berdarah Dengue"));
        Assert.Equal("cafe", Icd10Catalogue.Fold("Café"));
    }
}
