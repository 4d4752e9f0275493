using Simpus.Core.Ages;
using Simpus.Reports.Lb1;

namespace Simpus.Reports.Tests;

public sealed class Lb1Tests : IDisposable
{
    private readonly ReportDatabase _t = new();

    public Lb1Tests() => OctoberFixture.Seed(_t);

    public void Dispose() => _t.Dispose();

    private static int Band(string code) => AgeBands.Lb1.Select((b, i) => (b, i)).Single(x => x.b.Code == code).i;

    private Lb1Row Row(MonthlyReport r, string code) => r.Lb1.Rows.Single(x => x.Code == code);

    [Fact]
    public void Rows_are_the_codes_diagnosed_in_the_month_sorted_by_code_without_voided_cancelled_or_other_months()
    {
        var report = _t.Build();

        Assert.Equal(["A09", "E11.9", "I10", "J06.9", "Z00.0"], report.Lb1.Rows.Select(r => r.Code));
    }

    [Fact]
    public void Age_bands_are_calendar_exact_at_the_visit_date_on_their_edges()
    {
        var report = _t.Build();

        var a09 = Row(report, "A09");
        Assert.Equal(1, a09.New(Band("0-7h"), "L"));      // 7 days
        Assert.Equal(1, a09.New(Band("8-28h"), "P"));     // 8 days
        var j06 = Row(report, "J06.9");
        Assert.Equal(1, j06.New(Band("8-28h"), "L"));     // 28 days
        Assert.Equal(1, j06.New(Band("29h-1t"), "P"));    // 29 days
        Assert.Equal(1, j06.New(Band("1-4"), "L"));       // the first birthday
        Assert.Equal(1, j06.New(Band("20-44"), "L"));
        Assert.Equal(1, Row(report, "I10").New(Band("60-69"), "P")); // the 60th birthday on the visit date
        Assert.Equal(1, Row(report, "I10").Old(Band("55-59"), "P")); // one day short of 60
    }

    [Fact]
    public void Baru_lama_and_kkl_split_by_sex_with_totals_that_agree()
    {
        var report = _t.Build();

        var i10 = Row(report, "I10");
        Assert.Equal((0, 1, 1), (i10.NewMale, i10.NewFemale, i10.NewTotal));
        Assert.Equal((0, 1, 1), (i10.OldMale, i10.OldFemale, i10.OldTotal)); // KKL counts as lama
        Assert.Equal(2, i10.Total);
        var j06 = Row(report, "J06.9");
        Assert.Equal((3, 1, 4), (j06.NewMale, j06.NewFemale, j06.NewTotal));
        Assert.Equal((1, 0, 1), (j06.OldMale, j06.OldFemale, j06.OldTotal));
        var totals = report.Lb1.Totals;
        Assert.Equal((5, 3, 8), (totals.NewMale, totals.NewFemale, totals.NewTotal));
        Assert.Equal((1, 2, 3), (totals.OldMale, totals.OldFemale, totals.OldTotal));
        Assert.Equal(11, totals.Total);
        Assert.Equal(report.Lb1.Rows.Sum(r => r.Total), totals.Total);
        for (var band = 0; band < AgeBands.Lb1.Count; band++)
        {
            Assert.Equal(report.Lb1.Rows.Sum(r => r.New(band, "L")), totals.New(band, "L"));
        }
    }

    [Fact]
    public void Two_diagnoses_in_one_visit_count_once_each()
    {
        var report = _t.Build();

        Assert.Equal(1, Row(report, "I10").NewFemale);
        Assert.Equal(1, Row(report, "E11.9").OldFemale);
        Assert.Equal(1, Row(report, "Z00.0").NewMale);
        Assert.Equal(1, Row(report, "J06.9").OldMale);
    }

    [Fact]
    public void Names_come_from_the_icd10_table_or_show_the_code()
    {
        var report = _t.Build();

        Assert.Equal("ISPA akut", Row(report, "J06.9").Name);
        Assert.Equal("Z00.0", Row(report, "Z00.0").Name);
    }

    [Fact]
    public void Top_ten_ranks_diseases_by_new_cases_with_ties_by_code_and_leaves_out_z00_z99_which_lb1_keeps()
    {
        var report = _t.Build();
        var top = report.Lb1.TopTen();

        Assert.Equal(["J06.9", "A09", "I10"], top.Select(d => d.Code));              // Z00.0 is a contact, not a disease
        Assert.Equal([57.1m, 28.6m, 14.3m], top.Select(d => d.SharePercent));      // of the 7 new cases of diseases
        Assert.Contains(report.Lb1.Rows, r => r.Code == "Z00.0" && r.NewTotal == 1);
        Assert.Contains(report.ToValues(), v => v.DataElement == "LB1.BARU" && v.Disaggregation["code"] == "Z00.0");
    }

    [Fact]
    public void The_excluded_chapters_are_a_setting()
    {
        _t.Settings.SetValue("laporan.sepuluhBesar.kecuali", "");
        Assert.Equal(["J06.9", "A09", "I10", "Z00.0"], _t.Build().Lb1.TopTen().Select(d => d.Code));

        _t.ReportSettings.Save(_t.ReportSettings.Get() with { TopTenExcluded = "I, Z00-Z99" });
        Assert.Equal(["J06.9", "A09"], _t.Build().Lb1.TopTen().Select(d => d.Code));
        Assert.Equal("I00-I99,Z00-Z99", _t.Settings.GetValue("laporan.sepuluhBesar.kecuali"));

        var refused = Assert.Throws<Simpus.Core.Common.ValidationFailedException>(() =>
            _t.ReportSettings.Save(_t.ReportSettings.Get() with { TopTenExcluded = "Z99-Z00" }));
        Assert.Equal("topTenExcluded", refused.Errors.Single().Field);
    }

    [Fact]
    public void A_month_can_be_regenerated_after_a_correction()
    {
        var before = _t.Build();
        var id = _t.Diagnosis(_t.Visit(_t.Patient("L", "1980-01-01", "Joko Susanto"), "2026-10-21 08:00"), "A09", "baru", primary: true);
        var added = _t.Build();
        _t.VoidDiagnosis(id);
        var after = _t.Build();

        Assert.Equal(2, before.Lb1.Rows.Single(r => r.Code == "A09").NewTotal);
        Assert.Equal(3, added.Lb1.Rows.Single(r => r.Code == "A09").NewTotal);
        Assert.Equal(2, after.Lb1.Rows.Single(r => r.Code == "A09").NewTotal);
        Assert.Equal(before.ToValues().Where(v => v.DataElement.StartsWith("LB1", StringComparison.Ordinal)).Sum(v => v.Value),
            after.ToValues().Where(v => v.DataElement.StartsWith("LB1", StringComparison.Ordinal)).Sum(v => v.Value));
    }
}
