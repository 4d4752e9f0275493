using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Simpus.Clinic.Tests.Infrastructure;
using Simpus.Reports;

namespace Simpus.Clinic.Tests.Dashboard;

/// <summary>
/// The head's dashboard API answers the monthly report's own figures, and every figure's list (<c>/api/reports/visits</c>)
/// holds exactly as many visits as the figure counts.
/// </summary>
public sealed class DashboardApiTests : IAsyncLifetime
{
    private ClinicServer _server = null!;
    private HttpClient _head = null!;
    private HttpClient _desk = null!;
    private string _month = "";

    public async Task InitializeAsync()
    {
        _server = await ClinicServer.StartAsync();
        _head = await _server.ClientAsAsync("kepala");
        _desk = await _server.ClientAsAsync("pendaftaran");
        await SeedLastMonthAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>
    /// Last month (WIB): eight patients, twelve visits over four poli and four payers, examined after 5–55 minutes (two never),
    /// one cancelled, diagnoses J06.9/A09/I10 baru and lama. Each patient's first visit of the year is baru, the next lama.
    /// </summary>
    private async Task SeedLastMonthAsync()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        _month = first.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        string[] poli = ["umum", "gigi", "kia", "umum"];
        string[] payers = ["bpjs-pbi", "umum", "jamkesda", "bpjs-non-pbi"];
        int?[] waits = [5, 12, 31, 55, null, 20];
        var visits = new List<long>();
        for (var i = 0; i < 8; i++)
        {
            var rm = (await _desk.RegisterPatientAsync(PatientBuilder.Valid($"Pasien {(char)('A' + i)}anto", i % 2 == 0 ? "L" : "P", $"19{60 + i}-03-0{1 + i % 9}"))).Rm();
            for (var k = 0; k < (i < 4 ? 2 : 1); k++)
            {
                var arrived = new DateTimeOffset(first.AddDays(2 + i + 7 * k).ToDateTime(new TimeOnly(8, 0)), TimeSpan.FromHours(7));
                var visit = await _desk.RegisterVisitAsync(rm, poli[(i + k) % 4], payers[(i + 2 * k) % 4], arrived.ToString("O"));
                visits.Add(visit.Id);
                if (waits[(i + k) % waits.Length] is { } wait)
                {
                    await Status(visit.Id, "in-progress", arrived.AddMinutes(wait));
                    await Status(visit.Id, "finished", arrived.AddMinutes(wait + 10));
                }
            }
        }
        await Status(visits[8], "cancelled", null);  // patient E's only visit, never examined
        using var c = _server.Database.Open();
        string[] codes = ["J06.9", "A09", "I10"];
        for (var i = 0; i < visits.Count; i++)
        {
            c.Execute("""
                INSERT INTO diagnoses (visit_id, code, is_primary, case_type, created_at, created_by)
                VALUES (@visit, @code, 1, @caseType, '2026-01-01T00:00:00.000Z', 'uji')
                """, new { visit = visits[i], code = codes[i % 3], caseType = i % 4 == 3 ? "lama" : "baru" });
        }
    }

    private async Task Status(long id, string status, DateTimeOffset? at)
    {
        var response = await _desk.PostAsJsonAsync($"/api/visits/{id}/status",
            new { status, at = at?.ToString("O"), reason = status == "cancelled" ? "salah daftar" : null });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<int> ListedAsync(string query)
    {
        var page = await _head.GetFromJsonAsync<JsonElement>($"/api/reports/visits?month={_month}&{query}");
        Assert.True(page.GetProperty("rows").GetArrayLength() <= page.GetProperty("total").GetInt32());
        return page.GetProperty("total").GetInt32();
    }

    [Fact]
    public async Task The_dashboard_shows_the_monthly_reports_figures_and_each_figures_list_holds_as_many_visits()
    {
        var dashboard = await _head.GetFromJsonAsync<JsonElement>($"/api/dashboard?month={_month}");
        var report = _server.Services.GetRequiredService<MonthlyReportBuilder>().Build(int.Parse(_month[..4], CultureInfo.InvariantCulture), int.Parse(_month[5..], CultureInfo.InvariantCulture));

        var current = dashboard.GetProperty("current");
        Assert.Equal(_month, dashboard.GetProperty("month").GetString());
        Assert.True(dashboard.GetProperty("complete").GetBoolean());
        Assert.Equal(11, report.Visits.Total);
        Assert.Equal(report.Visits.Total, current.GetProperty("visits").GetInt32());
        Assert.Equal(12, dashboard.GetProperty("trend").GetArrayLength());
        Assert.Equal(_month, dashboard.GetProperty("trend")[11].GetProperty("month").GetString());
        Assert.Equal(report.Visits.Total, dashboard.GetProperty("trend")[11].GetProperty("visits").GetInt32());

        foreach (var poli in current.GetProperty("byPoli").EnumerateArray())
        {
            var code = poli.GetProperty("code").GetString()!;
            var row = report.Visits.ByPoli.Single(p => p.Code == code);
            Assert.Equal((row.New, row.Old), (poli.GetProperty("new").GetInt32(), poli.GetProperty("old").GetInt32()));
            Assert.Equal(row.New, await ListedAsync($"poli={code}&type=baru"));
            Assert.Equal(row.Old, await ListedAsync($"poli={code}&type=lama"));
        }
        var top = dashboard.GetProperty("topTen").EnumerateArray().ToList();
        Assert.Equal(report.Lb1.TopTen().Select(d => (d.Code, d.Total)), top.Select(d => (d.GetProperty("code").GetString()!, d.GetProperty("total").GetInt32())));
        foreach (var disease in top)
        {
            Assert.Equal(disease.GetProperty("total").GetInt32(), await ListedAsync($"code={disease.GetProperty("code").GetString()}&case=baru"));
            Assert.Equal(0, disease.GetProperty("previousMonth").GetInt32());
        }
        foreach (var payer in current.GetProperty("payers").GetProperty("rows").EnumerateArray())
        {
            Assert.Equal(payer.GetProperty("visits").GetInt32(), await ListedAsync($"payer={payer.GetProperty("code").GetString()}"));
        }
        Assert.Equal(report.Payers.PoorVisits, current.GetProperty("payers").GetProperty("poorVisits").GetInt32());
        Assert.Equal(report.Payers.PoorVisits, await ListedAsync("poor=true"));
        var waiting = current.GetProperty("waiting");
        var target = waiting.GetProperty("targetMinutes").GetInt32();
        foreach (var row in waiting.GetProperty("rows").EnumerateArray())
        {
            var code = row.GetProperty("code").GetString();
            var examined = row.GetProperty("examined").GetInt32();
            Assert.Equal(examined, await ListedAsync($"poli={code}&examined=true"));
            Assert.Equal(examined - row.GetProperty("withinTarget").GetInt32(), await ListedAsync($"poli={code}&overMinutes={target}"));
        }
        Assert.Equal(report.Waiting.Total.WaitMedian, waiting.GetProperty("total").GetProperty("waitMedian").GetDecimal());
        Assert.Equal(report.Visits.Total, await ListedAsync(""));
    }

    [Fact]
    public async Task Bad_months_and_filters_are_named_problems_and_other_roles_are_refused()
    {
        var malformed = await _head.GetAsync("/api/dashboard?month=2026-13");
        var future = await _head.GetAsync($"/api/dashboard?month={DateTime.UtcNow.AddMonths(2):yyyy-MM}");
        var list = await _head.GetAsync("/api/reports/visits?poli=xyz&type=x&code=J0&case=kkl&desa=33.73&kia=gizi&overMinutes=-1&limit=0&examined=mungkin&date=2026-02-30");
        var noMonth = await _head.GetAsync("/api/reports/visits");
        var desk = await _desk.GetAsync($"/api/dashboard?month={_month}");
        var deskList = await _desk.GetAsync($"/api/reports/visits?month={_month}");
        var anonymous = await _server.Anonymous().GetAsync($"/api/dashboard?month={_month}");

        Assert.Equal("month.format", await CodeAsync(malformed, "month"));
        Assert.Equal("month.future", await CodeAsync(future, "month"));
        var problem = await list.JsonAsync();
        Assert.Equal(HttpStatusCode.BadRequest, list.StatusCode);
        Assert.Equal(["case", "code", "date", "desa", "examined", "kia", "limit", "overMinutes", "poli", "type"],
            problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("month.required", await CodeAsync(noMonth, "month"));
        Assert.Equal(HttpStatusCode.Forbidden, desk.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, deskList.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.JsonAsync()).GetProperty("codes").GetProperty(field)[0].GetString();
    }

    [Fact]
    public async Task The_heads_home_page_is_the_dashboard_and_other_roles_keep_the_menu()
    {
        var admin = await _server.AdminAsync();

        var headHome = await _head.GetStringAsync("/");
        var deskHome = await _desk.GetStringAsync("/");
        var adminHome = await admin.GetStringAsync("/");
        var adminDashboard = await admin.GetStringAsync("/dasbor");

        Assert.Contains("id=\"gPoli\"", headHome, StringComparison.Ordinal);
        Assert.Contains("/assets/dasbor.js", headHome, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"gPoli\"", deskHome, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"gPoli\"", adminHome, StringComparison.Ordinal);
        Assert.Contains("id=\"gPoli\"", adminDashboard, StringComparison.Ordinal);
    }
}
