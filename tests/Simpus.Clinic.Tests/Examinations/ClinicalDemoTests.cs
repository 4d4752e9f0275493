using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Simpus.Clinic.Tests.Infrastructure;
using Simpus.Reports.Kia;

namespace Simpus.Clinic.Tests.Examinations;

public sealed class ClinicalDemoTests
{
    [Fact]
    public async Task The_demo_has_a_year_of_examinations_with_a_believable_disease_mix_consistent_case_types_and_kia_records()
    {
        await using var server = await ClinicServer.StartAsync("--demo");
        using var c = server.Database.Open();

        var finished = c.ExecuteScalar<long>("SELECT COUNT(*) FROM visits WHERE status = 'finished'");
        var examined = c.ExecuteScalar<long>("SELECT COUNT(*) FROM examinations e JOIN visits v ON v.id = e.visit_id WHERE v.status = 'finished'");
        var top = c.Query<string>("""
            SELECT code FROM diagnoses WHERE voided_at IS NULL AND code NOT LIKE 'Z%' GROUP BY code ORDER BY COUNT(*) DESC LIMIT 10
            """).ToList();
        // A diagnosis marked baru must have no earlier same-category diagnosis in the year; one marked lama/kkl must have one.
        // "Earlier" as everywhere (the view visit_types): by arrival, two visits arriving at the same minute in visit order.
        var inconsistent = c.ExecuteScalar<long>("""
            SELECT COUNT(*) FROM diagnoses d JOIN visits v ON v.id = d.visit_id
            WHERE d.voided_at IS NULL AND (d.case_type = 'baru') = EXISTS (
                SELECT 1 FROM diagnoses d2 JOIN visits v2 ON v2.id = d2.visit_id
                WHERE v2.patient_id = v.patient_id AND d2.voided_at IS NULL AND substr(d2.code, 1, 3) = substr(d.code, 1, 3)
                  AND substr(v2.visit_date, 1, 4) = substr(v.visit_date, 1, 4)
                  AND (v2.arrived_at < v.arrived_at OR (v2.arrived_at = v.arrived_at AND v2.id < v.id)))
            """);

        Assert.Equal(finished, examined);
        Assert.Equal("J06.9", top[0]);
        Assert.Contains("I10", top.Take(3));
        foreach (var code in new[] { "E11.9", "L30.9", "K30", "M79.1", "K29.7", "A09" })
        {
            Assert.Contains(code, top);
        }
        Assert.Equal(0, inconsistent);
        Assert.True(c.ExecuteScalar<long>("SELECT COUNT(*) FROM prescriptions") > finished);
        Assert.True(c.ExecuteScalar<long>("SELECT COUNT(*) FROM referrals") > 50);
        Assert.True(c.ExecuteScalar<long>("SELECT COUNT(*) FROM kia_pregnancies p WHERE (SELECT COUNT(*) FROM kia_antenatal_contacts a WHERE a.pregnancy_id = p.id) >= 2") > 20);
        Assert.True(c.ExecuteScalar<long>("SELECT COUNT(*) FROM kia_deliveries") > 5);
        Assert.True(c.ExecuteScalar<long>("SELECT COUNT(*) FROM kia_immunizations") > 500);
        Assert.True(c.ExecuteScalar<long>("SELECT COUNT(*) FROM kia_growth") > 1000);

        // The KIA sasaran fit the demo population and the coverage of last month looks like a real puskesmas:
        // year to date against the PWS target (yearly sasaran ÷ 12 × months) about 95 % for K1, 80 % for K6, 90 % for IDL.
        var settings = server.Services.GetRequiredService<Simpus.Reports.Settings.ReportSettingsStore>().Get();
        var population = c.ExecuteScalar<long>("SELECT COUNT(*) FROM patients");
        Assert.Equal((int)population, settings.Penduduk);
        Assert.InRange(settings.EffectiveBumil!.Value, 0.016m * 1.1m * population, 0.017m * 1.1m * population);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var lastMonth = today.AddMonths(-1);
        var kia = server.Services.GetRequiredService<Simpus.Reports.MonthlyReportBuilder>().Build(lastMonth.Year, lastMonth.Month).Kia;
        decimal OfTarget(string code) => 100m * kia[code].YearToDate!.Value / kia[code].PwsTarget!.Value;
        Assert.InRange(OfTarget(KiaIndicators.K1), 85m, 105m);
        Assert.InRange(OfTarget(KiaIndicators.K6), 65m, 92m);
        Assert.InRange(OfTarget(KiaIndicators.Idl), 78m, 102m);
        Assert.True(kia[KiaIndicators.K1Murni].YearToDate > 0.8m * kia[KiaIndicators.K1].YearToDate);
        Assert.True(c.ExecuteScalar<long>("SELECT COUNT(*) FROM kia_antenatal_contacts WHERE given_by = 'dokter'") > 50);
        Assert.True(c.ExecuteScalar<long>("SELECT COUNT(*) FROM kia_pregnancies WHERE lmp IS NULL AND dated_week IS NULL") > 0);
    }
}
