using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClosedXML.Excel;
using Simpus.Clinic.Tests.Infrastructure;
using Simpus.Reports;

namespace Simpus.Clinic.Tests.Reports;

public sealed class ReportsApiTests : IAsyncLifetime
{
    private ClinicServer _server = null!;

    public async Task InitializeAsync() => _server = await ClinicServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Head_downloads_the_monthly_workbook_and_bad_months_are_named_problems()
    {
        var desk = await _server.ClientAsAsync("pendaftaran");
        var rm = (await desk.RegisterPatientAsync(PatientBuilder.Valid("Ani", "P", "1990-01-01"))).Rm();
        var visit = await desk.RegisterVisitAsync(rm, "umum", "bpjs-pbi", DateTimeOffset.UtcNow.AddHours(-1).ToString("O"));
        var head = await _server.ClientAsAsync("kepala");
        var month = visit.VisitDate.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        var response = await head.GetAsync($"/api/reports/monthly?month={month}");
        var malformed = await head.GetAsync("/api/reports/monthly?month=2026-13");
        var future = await head.GetAsync($"/api/reports/monthly?month={DateTime.UtcNow.AddMonths(2):yyyy-MM}");
        var forbidden = await desk.GetAsync($"/api/reports/monthly?month={month}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith($"{month}.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using (var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync()))
        {
            Assert.Equal(MonthlyWorkbookWriter.SheetNames.Count, workbook.Worksheets.Count);
            var ringkasan = workbook.Worksheet("Ringkasan");
            Assert.Equal(1, ringkasan.Cell(8, 2).GetDouble());
        }
        foreach (var (bad, code) in new[] { (malformed, "month.format"), (future, "month.future") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
            var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(code, problem.GetProperty("codes").GetProperty("month")[0].GetString());
        }
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task Report_settings_are_read_by_the_head_and_saved_by_the_admin()
    {
        var admin = await _server.AdminAsync();
        var head = await _server.ClientAsAsync("kepala");

        var saved = await admin.PutAsJsonAsync("/api/settings/reports", new { sasaranBumil = 120, waitingTargetMinutes = 45, headName = "dr. Ani" });
        var refused = await head.PutAsJsonAsync("/api/settings/reports", new { sasaranBumil = 1 });
        var invalid = await admin.PutAsJsonAsync("/api/settings/reports", new { waitingTargetMinutes = 0 });
        var read = await head.GetFromJsonAsync<JsonElement>("/api/settings/reports");

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(120, read.GetProperty("sasaranBumil").GetInt32());
        Assert.Equal(45, read.GetProperty("waitingTargetMinutes").GetInt32());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("sasaranBulin").ValueKind);
    }
}
