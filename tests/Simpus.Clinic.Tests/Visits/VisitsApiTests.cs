using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Simpus.Clinic.Tests.Infrastructure;
using Simpus.Core.Visits;

namespace Simpus.Clinic.Tests.Visits;

public sealed class VisitsApiTests : IAsyncLifetime
{
    private ClinicServer _server = null!;
    private HttpClient _desk = null!;

    public async Task InitializeAsync()
    {
        _server = await ClinicServer.StartAsync();
        _desk = await _server.ClientAsAsync("pendaftaran");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Queue_numbers_count_per_poli_per_day()
    {
        var a = (await _desk.RegisterPatientAsync(PatientBuilder.Valid("Ani", "P", "1990-01-01"))).Rm();
        var b = (await _desk.RegisterPatientAsync(PatientBuilder.Valid("Budi", "L", "1991-01-01"))).Rm();
        var c = (await _desk.RegisterPatientAsync(PatientBuilder.Valid("Citra", "P", "1992-01-01"))).Rm();

        var v1 = await _desk.RegisterVisitAsync(a, "umum");
        var v2 = await _desk.RegisterVisitAsync(b, "umum");
        var v3 = await _desk.RegisterVisitAsync(c, "gigi");

        Assert.Equal(1, v1.QueueNumber);
        Assert.Equal(2, v2.QueueNumber);
        Assert.Equal(1, v3.QueueNumber);
        Assert.Equal("arrived", v1.Status);
        var umum = await _desk.GetFromJsonAsync<List<Visit>>("/api/visits?poli=umum", ApiExtensions.Json);
        Assert.Equal([1, 2], umum!.Select(v => v.QueueNumber));
    }

    [Fact]
    public async Task First_visit_of_the_year_is_baru_later_ones_lama_and_cancelled_visits_do_not_count()
    {
        var rm = (await _desk.RegisterPatientAsync()).Rm();
        var year = DateTime.UtcNow.Year;
        // A visit in an earlier year does not make this year's first visit lama.
        var lastYear = await _desk.RegisterVisitAsync(rm, "umum", arrivedAt: $"{year - 1}-12-30T09:00:00+07:00");
        var cancelled = await _desk.RegisterVisitAsync(rm, "gigi", arrivedAt: DateTimeOffset.UtcNow.AddHours(-3).ToString("O"));
        await _desk.PostAsJsonAsync($"/api/visits/{cancelled.Id}/status", new { status = "cancelled", reason = "Pulang" });
        var first = await _desk.RegisterVisitAsync(rm, "umum", arrivedAt: DateTimeOffset.UtcNow.AddHours(-2).ToString("O"));
        var second = await _desk.RegisterVisitAsync(rm, "lab");

        Assert.Equal("baru", lastYear.VisitType);
        Assert.Equal("baru", first.VisitType);
        Assert.Equal("lama", second.VisitType);
    }

    [Fact]
    public async Task Status_goes_arrived_in_progress_finished_with_timestamps_and_refuses_skips()
    {
        var rm = (await _desk.RegisterPatientAsync()).Rm();
        var visit = await _desk.RegisterVisitAsync(rm);
        var clinician = await _server.ClientAsAsync("klinisi", "umum");

        var skip = await clinician.PostAsJsonAsync($"/api/visits/{visit.Id}/status", new { status = "finished" });
        var start = await clinician.PostAsJsonAsync($"/api/visits/{visit.Id}/status", new { status = "in-progress" });
        var finish = await clinician.PostAsJsonAsync($"/api/visits/{visit.Id}/status", new { status = "finished" });
        var bad = await clinician.PostAsJsonAsync($"/api/visits/{visit.Id}/status", new { status = "selesai" });

        Assert.Equal(HttpStatusCode.Conflict, skip.StatusCode);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        var done = await finish.Content.ReadFromJsonAsync<Visit>(ApiExtensions.Json);
        Assert.Equal("finished", done!.Status);
        Assert.NotNull(done.StartedAt);
        Assert.NotNull(done.FinishedAt);
        Assert.True(done.FinishedAt >= done.StartedAt && done.StartedAt >= done.ArrivedAt);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var history = await _desk.GetFromJsonAsync<JsonElement>($"/api/visits/{visit.Id}/history");
        Assert.Equal(["arrived", "in-progress", "finished"], history.EnumerateArray().Select(h => h.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_clinician_cannot_move_another_polis_visit()
    {
        var rm = (await _desk.RegisterPatientAsync()).Rm();
        var visit = await _desk.RegisterVisitAsync(rm, "gigi");
        var umumDoctor = await _server.ClientAsAsync("klinisi", "umum");

        var response = await umumDoctor.PostAsJsonAsync($"/api/visits/{visit.Id}/status", new { status = "in-progress" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("arrived", (await _desk.GetFromJsonAsync<Visit>($"/api/visits/{visit.Id}", ApiExtensions.Json))!.Status);
    }

    [Fact]
    public async Task One_open_visit_per_patient_per_poli_per_day()
    {
        var rm = (await _desk.RegisterPatientAsync()).Rm();
        await _desk.RegisterVisitAsync(rm, "umum");

        var again = await _desk.PostAsJsonAsync("/api/visits", new { rm, poli = "umum", payer = "umum" });
        var otherPoli = await _desk.PostAsJsonAsync("/api/visits", new { rm, poli = "gigi", payer = "umum" });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Created, otherPoli.StatusCode);
    }

    [Fact]
    public async Task Paper_visits_entered_later_keep_their_real_time_and_date_but_never_the_future()
    {
        var rm = (await _desk.RegisterPatientAsync()).Rm();
        var twoDaysAgo = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).AddDays(-2);
        var arrivedAt = new DateTimeOffset(twoDaysAgo.Year, twoDaysAgo.Month, twoDaysAgo.Day, 8, 15, 0, TimeSpan.FromHours(7));

        var visit = await _desk.RegisterVisitAsync(rm, "umum", arrivedAt: arrivedAt.ToString("yyyy-MM-ddTHH:mm:sszzz"));
        var started = await _desk.PostAsJsonAsync($"/api/visits/{visit.Id}/status", new { status = "in-progress", at = arrivedAt.AddMinutes(20).ToString("O") });
        var future = await _desk.PostAsJsonAsync("/api/visits", new { rm, poli = "gigi", arrivedAt = DateTimeOffset.UtcNow.AddHours(2).ToString("O") });
        var badTime = await _desk.PostAsJsonAsync("/api/visits", new { rm, poli = "gigi", arrivedAt = "kemarin pagi" });

        Assert.Equal(DateOnly.FromDateTime(arrivedAt.DateTime), visit.VisitDate);
        Assert.Equal(arrivedAt.UtcDateTime, visit.ArrivedAt.UtcDateTime);
        Assert.True(visit.BackEntered);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.True((await future.JsonAsync()).GetProperty("errors").TryGetProperty("arrivedAt", out _));
        Assert.Equal(HttpStatusCode.BadRequest, badTime.StatusCode);
        var onThatDay = await _desk.GetFromJsonAsync<List<Visit>>($"/api/visits?date={visit.VisitDate:yyyy-MM-dd}", ApiExtensions.Json);
        Assert.Contains(onThatDay!, v => v.Id == visit.Id);
    }

    [Fact]
    public async Task Bad_visit_input_names_the_fields_and_stores_nothing()
    {
        var response = await _desk.PostAsJsonAsync("/api/visits", new { rm = "KK-999999-01", poli = "bedah", payer = "asuransi" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("rm", out _));
        Assert.True(errors.TryGetProperty("poli", out _));
        Assert.True(errors.TryGetProperty("payer", out _));
        using var c = _server.Database.Open();
        Assert.Equal(0, c.ExecuteScalar<long>("SELECT COUNT(*) FROM visits"));
    }

    [Fact]
    public async Task Queue_board_shows_numbers_not_names()
    {
        var rm = (await _desk.RegisterPatientAsync(PatientBuilder.Valid("Rahasia Pasien", "P", "1990-01-01"))).Rm();
        await _desk.RegisterVisitAsync(rm, "umum");

        var board = await _desk.GetStringAsync("/api/queue");

        Assert.Contains("\"waiting\":1", board);
        Assert.DoesNotContain("Rahasia", board);
    }
}
