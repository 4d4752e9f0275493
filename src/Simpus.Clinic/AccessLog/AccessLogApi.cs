using System.Globalization;
using System.Security.Claims;
using Simpus.Clinic.Hosting;
using Simpus.Core.AccessLog;
using Simpus.Core.Common;
using Simpus.Core.Settings;
using Simpus.Web.Hosting;

namespace Simpus.Clinic.AccessLog;

/// <summary>Who opened which patient's clinical record: the logging filter on clinical reads, and the head's API and page.</summary>
public static class AccessLogApi
{
    private const int MaxDays = 366;

    public static IServiceCollection AddAccessLog(this IServiceCollection services) => services.AddSingleton<RecordAccessLog>();

    /// <summary>
    /// Logs a successful read of a patient's clinical record by the logged-in user. The patient comes from the route:
    /// <c>{rm}</c> (No. RM), or a visit id in <c>{visitId}</c> or <c>{id}</c> (only where <c>id</c> is a visit's).
    /// </summary>
    public static RouteHandlerBuilder LogsRecordAccess(this RouteHandlerBuilder builder, string part) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            if (result is IStatusCodeHttpResult { StatusCode: >= 400 })
            {
                return result;
            }
            var http = context.HttpContext;
            var log = http.RequestServices.GetRequiredService<RecordAccessLog>();
            var route = http.Request.RouteValues;
            var visit = route.TryGetValue("visitId", out var v) ? v : route.TryGetValue("id", out var id) ? id : null;
            var patientId = route.TryGetValue("rm", out var rm) && rm is string rmText ? log.PatientIdOfRm(rmText)
                : long.TryParse(visit?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var visitId) ? log.PatientIdOfVisit(visitId)
                : null;
            if (patientId is { } patient
                && long.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var userId))
            {
                log.Opened(userId, patient, part);
            }
            return result;
        });

    public static IEndpointRouteBuilder MapAccessLog(this IEndpointRouteBuilder app)
    {
        app.MapPage("/akses", typeof(AccessLogApi).Assembly, "akses.html", Policies.Head);
        var group = app.MapGroup("/api/access-log").WithTags("Akses rekam medis").RequireAuthorization(Policies.Head);
        group.MapGet("/", (string? rm, string? username, string? from, string? to, RecordAccessLog log, SettingsStore settings, TimeProvider clock) =>
        {
            var (start, end) = Period(from, to, settings, clock);
            var patient = Text.Clean(rm);
            var user = Text.Clean(username)?.ToLowerInvariant();
            if ((patient is null) == (user is null))
            {
                throw ValidationFailedException.For(patient is null ? "rm" : "username", "accessLog.filter",
                    "Isi salah satu: No. RM pasien (rm) atau nama pengguna (username).");
            }
            return TypedResults.Ok(patient is not null ? log.ForPatient(patient, start, end) : log.ForUser(user!, start, end));
        }).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
          .WithSummary("Siapa membuka rekam medis siapa: per pasien (rm) atau per pengguna (username), periode from–to (yyyy-MM-dd, waktu puskesmas; bawaan 30 hari terakhir), terbaru dahulu, paling banyak 1000 baris.");
        group.MapGet("/users", (string? from, string? to, RecordAccessLog log, SettingsStore settings, TimeProvider clock) =>
        {
            var (start, end) = Period(from, to, settings, clock);
            return TypedResults.Ok(log.Users(start, end));
        }).ProducesValidationProblem()
          .WithSummary("Per pengguna: jumlah pembukaan rekam medis dan jumlah pasien dalam periode, terbanyak dahulu.");
        return app;
    }

    /// <summary>The UTC instants of a period of local dates [from, to] (default: the last 30 days up to today).</summary>
    private static (DateTimeOffset Start, DateTimeOffset End) Period(string? from, string? to, SettingsStore settings, TimeProvider clock)
    {
        var zone = settings.Get().TimeZone;
        var today = TimeZones.LocalDate(clock.GetUtcNow(), zone);
        var v = new Validation();
        var last = ParseDate(to, "to", v) ?? today;
        var first = ParseDate(from, "from", v) ?? last.AddDays(-29);
        if (!v.HasErrors && (first > last || last.DayNumber - first.DayNumber >= MaxDays))
        {
            v.Add("from", "period.invalid", $"Periode harus dari tanggal awal sampai tanggal akhir, paling panjang {MaxDays} hari.");
        }
        v.ThrowIfAny();
        var offset = TimeZones.Offset(zone);
        return (new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), offset), new DateTimeOffset(last.AddDays(1).ToDateTime(TimeOnly.MinValue), offset));
    }

    private static DateOnly? ParseDate(string? text, string field, Validation v)
    {
        if (Text.Clean(text) is not { } value)
        {
            return null;
        }
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            v.Add(field, "date.format", "Tanggal harus berformat yyyy-MM-dd.");
            return null;
        }
        return DateRange.Check(v, field, date) ? date : null;
    }
}
