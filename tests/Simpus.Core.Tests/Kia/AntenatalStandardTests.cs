using Simpus.Core.Kia;

namespace Simpus.Core.Tests.Kia;

/// <summary>The Buku KIA 2020 antenatal standard, contact by contact (pure).</summary>
public sealed class AntenatalStandardTests
{
    private static readonly DateOnly Lmp = new(2026, 1, 5);
    private static readonly PregnancyDating Dated = new(Lmp, null, null);

    private static AncContact At(int week, string by = AncGivers.Midwife, int extraDays = 0)
    {
        var date = Lmp.AddDays(7 * week + extraDays);
        return new AncContact(date, Dated.WeekOn(date), by);
    }

    private static AntenatalMilestones Evaluate(params AncContact[] contacts) => AntenatalStandard.Evaluate(contacts, TrimesterBoundaries.Default);

    [Fact]
    public void Trimester_edges_are_12_13_and_24_25_completed_weeks()
    {
        var b = TrimesterBoundaries.Default;

        Assert.Equal([1, 2, 2, 3], new[] { 12, 13, 24, 25 }.Select(b.Trimester));
        Assert.Equal(12, Dated.WeekOn(Lmp.AddDays(12 * 7 + 6)));   // 12 weeks 6 days is still 12 completed weeks
    }

    [Fact]
    public void K1_murni_needs_the_first_contact_in_trimester_1()
    {
        Assert.Equal(At(12, extraDays: 6).Date, Evaluate(At(12, extraDays: 6)).K1Murni);
        Assert.Null(Evaluate(At(13)).K1Murni);
        Assert.Equal(At(13).Date, Evaluate(At(13)).K1Akses);
    }

    [Fact]
    public void K4_needs_one_contact_in_T1_one_in_T2_and_two_in_T3_and_is_met_on_the_completing_contact()
    {
        var withEdges = Evaluate(At(12), At(24), At(25), At(30));
        var tooEarly = Evaluate(At(12), At(24), At(26));
        var noT2 = Evaluate(At(8), At(12), At(28), At(32), At(36));

        Assert.Equal(At(30).Date, withEdges.K4);
        Assert.Null(tooEarly.K4);
        Assert.Null(noT2.K4);
    }

    [Fact]
    public void K6_needs_two_in_T1_one_in_T2_three_in_T3_and_a_doctor_in_T1_and_T3()
    {
        var full = Evaluate(At(8), At(12, AncGivers.Doctor), At(20), At(28), At(32, AncGivers.Doctor), At(36));
        var noDoctorT1 = Evaluate(At(8), At(12), At(20), At(28), At(32, AncGivers.Doctor), At(36));
        var doctorOnlyInT2 = Evaluate(At(8), At(12), At(20, AncGivers.Doctor), At(28), At(32, AncGivers.Doctor), At(36));
        var lateDoctor = Evaluate(At(8), At(12, AncGivers.Doctor), At(20), At(28), At(32), At(36), At(38, AncGivers.Doctor));

        Assert.Equal(At(36).Date, full.K6);
        Assert.Null(noDoctorT1.K6);
        Assert.Null(doctorOnlyInT2.K6);
        Assert.Equal(At(38).Date, lateDoctor.K6);
        Assert.NotNull(noDoctorT1.K4);
    }

    [Fact]
    public void An_undated_pregnancy_counts_for_K1_akses_only()
    {
        var undated = PregnancyDating.None;
        var contacts = Enumerable.Range(0, 7).Select(i => new AncContact(Lmp.AddDays(40 + 30 * i), undated.WeekOn(Lmp), AncGivers.Doctor)).ToArray();

        var m = Evaluate(contacts);

        Assert.Equal(Lmp.AddDays(40), m.K1Akses);
        Assert.False(m.Dated);
        Assert.Null(m.K1Murni);
        Assert.Null(m.K4);
        Assert.Null(m.K6);
    }

    [Fact]
    public void Dating_by_gestational_age_gives_the_same_weeks_and_the_hpl_is_280_days_after()
    {
        var byWeek = new PregnancyDating(null, 10, Lmp.AddDays(70));

        Assert.Equal(Lmp, byWeek.Reference);
        Assert.Equal(new DateOnly(2026, 10, 12), Dated.Edd);
        Assert.Equal(20, byWeek.WeekOn(Lmp.AddDays(140)));
        Assert.Equal(3, byWeek.ExtraDaysOn(Lmp.AddDays(143)));
    }
}
