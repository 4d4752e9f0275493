using Dapper;
using Simpus.Core.Ages;
using Simpus.Reports.Dashboard;

namespace Simpus.Reports.Tests;

public sealed class VisitTests : IDisposable
{
    private readonly ReportDatabase _t = new();

    public VisitTests() => OctoberFixture.Seed(_t);

    public void Dispose() => _t.Dispose();

    [Fact]
    public void Visits_split_baru_lama_by_sex_without_cancelled_or_next_month()
    {
        var v = _t.Build().Visits;

        Assert.Equal(9, v.Total);
        Assert.Equal((3, 4), (v.NewVisits.Male, v.NewVisits.Female));
        Assert.Equal((2, 0), (v.OldVisits.Male, v.OldVisits.Female)); // H came in September
    }

    [Fact]
    public void A_paper_visit_entered_afterwards_makes_a_later_visit_lama_at_the_desk_in_the_sheets_and_in_the_dashboard_list()
    {
        var rm = _t.Patient("P", "1980-01-01", "Lina Marlina");
        var later = _t.Visit(rm, "2026-10-20 10:00", "lansia", "umum");
        string ListType(long id) => VisitListQuery.Run(_t.Db, new VisitListFilter(new(2026, 10, 1), new(2026, 10, 31)) { Poli = "lansia", Payer = "umum" }, null)
            .Rows.Single(r => r.Id == id).VisitType;
        var before = _t.Build();
        Assert.Equal("baru", _t.Visits.GetRequired(later).VisitType);
        Assert.Equal("baru", ListType(later));

        var paper = _t.Visit(rm, "2026-10-02 08:00", "lansia", "umum");

        Assert.Equal(("baru", "lama"), (_t.Visits.GetRequired(paper).VisitType, _t.Visits.GetRequired(later).VisitType));
        Assert.Equal(("baru", "lama"), (ListType(paper), ListType(later)));
        var after = _t.Build();
        Assert.Equal(before.Visits.NewVisits.Total, after.Visits.NewVisits.Total);
        Assert.Equal(before.Visits.OldVisits.Total + 1, after.Visits.OldVisits.Total);
        Assert.Equal(after.Visits.NewVisits.Total, after.Summary.Current.NewVisits);
    }

    [Fact]
    public void Visits_by_poli_payer_and_age_agree_with_the_total()
    {
        var v = _t.Build().Visits;

        Assert.Equal(5, v.ByPoli.Single(p => p.Code == "anak").Total);
        Assert.Equal(2, v.ByPoli.Single(p => p.Code == "lansia").New);
        Assert.Equal((0, 1), (v.ByPoli.Single(p => p.Code == "umum").New, v.ByPoli.Single(p => p.Code == "umum").Old));
        Assert.Equal(0, v.ByPoli.Single(p => p.Code == "gigi").Total);
        Assert.Equal(5, v.ByPayer.Single(p => p.Code == "bpjs-pbi").Total);
        Assert.Equal(2, v.ByPayer.Single(p => p.Code == "bpjs-non-pbi").Old);
        Assert.Equal(v.Total, v.ByPoli.Sum(p => p.Total));
        Assert.Equal(v.Total, v.ByPayer.Sum(p => p.Total));
        Assert.Equal(v.Total, v.ByAge.Sum(a => a.Total));
        var band = (string code) => AgeBands.Lb1.Select((b, i) => (b, i)).Single(x => x.b.Code == code).i;
        Assert.Equal((1, 1), (v.ByAge[band("8-28h")].Male, v.ByAge[band("8-28h")].Female));
        Assert.Equal(2, v.ByAge[band("20-44")].Male);
        Assert.Equal(1, v.ByAge[band("60-69")].Female);
    }

    [Fact]
    public void Referrals_count_live_ones_and_ugd_counts_emergency_visits()
    {
        var v = _t.Build().Visits;

        Assert.Equal(1, v.Referrals);
        Assert.Equal(1, v.Emergencies);
    }

    [Fact]
    public void Payers_give_visits_distinct_patients_and_the_share_of_the_poor()
    {
        var p = _t.Build().Payers;

        var nonPbi = p.Rows.Single(r => r.Code == "bpjs-non-pbi");
        Assert.Equal((2, 1), (nonPbi.Visits, nonPbi.Patients));
        Assert.Equal(9, p.Visits);
        Assert.Equal(8, p.Patients);
        Assert.Equal(8, p.DistinctPatients);
        Assert.Equal(6, p.PoorVisits);
        Assert.Equal(66.7m, p.PoorVisitShare);
        Assert.Equal(75.0m, p.PoorPatientShare);
    }

    [Fact]
    public void The_poor_visits_sent_to_the_district_follow_the_clinics_own_payer_setting()
    {
        decimal Poor() => _t.Build().ToValues().Single(v => v.DataElement == "KUNJUNGAN.MISKIN").Value;
        Assert.Equal(6, Poor());

        // The clinic no longer counts Jamkesda as a payer for the poor, and marks BPJS non-PBI as one (a local scheme, say).
        using (var c = _t.Db.Open())
        {
            c.Execute("UPDATE payers SET is_poor = CASE code WHEN 'jamkesda' THEN 0 WHEN 'bpjs-non-pbi' THEN 1 ELSE is_poor END");
        }

        Assert.Equal(5 + 2, Poor());
        Assert.Equal(_t.Build().Payers.PoorVisits, Poor());
    }

    [Fact]
    public void Waiting_times_give_nearest_rank_median_p90_and_share_within_target()
    {
        var anak = _t.Build().Waiting.Rows.Single(r => r.Code == "anak");

        Assert.Equal(5, anak.Visits);
        Assert.Equal(4, anak.Examined);          // waits 5, 20, 30, 45
        Assert.Equal(20m, anak.WaitMedian);
        Assert.Equal(45m, anak.WaitP90);
        Assert.Equal(3, anak.WithinTarget);      // 30 minutes is within a 30-minute target
        Assert.Equal(75.0m, anak.WithinTargetPercent);
        Assert.Equal(3, anak.Finished);          // services 10, 10, 15
        Assert.Equal(10m, anak.ServiceMedian);
        Assert.Equal(15m, anak.ServiceP90);
    }

    [Fact]
    public void The_waiting_target_comes_from_settings()
    {
        _t.Settings.SetValue("waktuTunggu.targetMenit", "20");

        var w = _t.Build().Waiting;

        Assert.Equal(20, w.TargetMinutes);
        Assert.Equal(2, w.Rows.Single(r => r.Code == "anak").WithinTarget);
    }

    [Fact]
    public void Summary_compares_with_the_previous_month_and_last_year()
    {
        var s = _t.Build().Summary;

        Assert.Equal(9, s.Current.Visits);
        Assert.Equal(7, s.Current.NewVisits);
        Assert.Equal(8, s.Current.NewCases);
        Assert.Equal(3, s.Current.OldCases);
        Assert.Equal(1, s.Previous.Visits);     // H in September
        Assert.Equal(1, s.Previous.NewVisits);
        Assert.Equal(0, s.LastYear.Visits);
    }

    [Fact]
    public void The_summary_query_of_other_months_uses_the_same_definitions_as_the_detail_sheets()
    {
        var fromSheets = _t.Build().Summary.Current;
        var fromQuery = Simpus.Reports.Ringkasan.SummaryQuery.Run(_t.Db, 2026, 10, Simpus.Core.Kia.TrimesterBoundaries.Default);

        Assert.Equivalent(fromSheets, fromQuery, strict: true);
    }

    [Fact]
    public void Values_for_the_district_are_additive_counts_that_match_the_sheets()
    {
        var report = _t.Build();
        var values = report.ToValues().ToList();

        decimal Sum(string element) => values.Where(v => v.DataElement == element).Sum(v => v.Value);
        Assert.Equal(8, Sum("LB1.BARU"));
        Assert.Equal(3, Sum("LB1.LAMA"));
        Assert.Equal(9, Sum("KUNJUNGAN"));
        Assert.Equal(9, Sum("KUNJUNGAN.POLI"));
        Assert.Equal(9, Sum("KUNJUNGAN.PAYER"));
        Assert.Equal(6, Sum("KUNJUNGAN.MISKIN"));
        Assert.Equal(9, Sum("KUNJUNGAN.UMUR"));
        Assert.Equal(1, Sum("RUJUKAN"));
        Assert.Equal(1, Sum("UGD"));
        Assert.Equal(8, Sum("JAMINAN.PASIEN"));
        Assert.Equal(3, Sum("TUNGGU.DALAM_TARGET"));
        var j06Baru = values.Where(v => v.DataElement == "LB1.BARU" && v.Disaggregation["code"] == "J06.9").ToList();
        Assert.Contains(j06Baru, v => v.Disaggregation["sex"] == "P" && v.Disaggregation["ageBand"] == "29h-1t" && v.Value == 1);
        Assert.Equal(report.ToValues().Select(v => (v.DataElement, string.Join(",", v.Disaggregation), v.Value)),
            _t.Build().ToValues().Select(v => (v.DataElement, string.Join(",", v.Disaggregation), v.Value)));
    }
}
