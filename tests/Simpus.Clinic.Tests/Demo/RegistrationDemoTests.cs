using System.Globalization;
using Dapper;
using Simpus.Clinic.Tests.Infrastructure;
using Simpus.Core.Identity;

namespace Simpus.Clinic.Tests.Demo;

public sealed class RegistrationDemoTests
{
    [Fact]
    public async Task The_demo_is_a_living_puskesmas_with_consistent_patients_and_a_year_of_visits_never_in_the_future()
    {
        await using var server = await ClinicServer.StartAsync("--demo");
        using var c = server.Database.Open();
        var now = DateTimeOffset.UtcNow;

        var patients = c.Query<(string Nik, string Sex, string BirthDate)>("SELECT nik, sex, birth_date FROM patients WHERE nik IS NOT NULL").ToList();
        var families = c.ExecuteScalar<long>("SELECT COUNT(*) FROM families");
        var visits = c.ExecuteScalar<long>("SELECT COUNT(*) FROM visits");
        var future = c.Query<string>("SELECT arrived_at FROM visits").Count(a => DateTimeOffset.Parse(a, CultureInfo.InvariantCulture) > now.AddMinutes(1));
        var months = c.ExecuteScalar<long>("SELECT COUNT(DISTINCT substr(visit_date, 1, 7)) FROM visits");
        var busiest = c.Query<(long Weekday, long Visits)>(
            "SELECT CAST(strftime('%w', visit_date) AS INTEGER), COUNT(*) FROM visits GROUP BY 1 ORDER BY 2 DESC").First();
        var openBeforeToday = c.ExecuteScalar<long>(
            "SELECT COUNT(*) FROM visits WHERE status IN ('arrived', 'in-progress') AND visit_date < (SELECT MAX(visit_date) FROM visits)");
        var k4 = c.ExecuteScalar<long>("SELECT COUNT(*) FROM kia_pregnancies p WHERE (SELECT COUNT(*) FROM kia_antenatal_contacts a WHERE a.pregnancy_id = p.id) >= 4");

        Assert.True(patients.Count > 5000);
        Assert.All(patients, p => Assert.Empty(Nik.Validate(p.Nik,
            DateOnly.ParseExact(p.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture), p.Sex == "L" ? Sex.L : Sex.P)));
        Assert.True(families > 1000 && families < patients.Count);
        Assert.True(visits > 20_000);
        Assert.Equal(0, future);
        Assert.True(months >= 12);
        Assert.Equal(1, busiest.Weekday);          // Monday
        Assert.Equal(0, openBeforeToday);
        Assert.True(k4 > 10, $"pregnancies with 4 contacts or more: {k4}");
    }
}
