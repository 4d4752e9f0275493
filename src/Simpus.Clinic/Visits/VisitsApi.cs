using System.Globalization;
using System.Security.Claims;
using Simpus.Clinic.Hosting;
using Simpus.Core.Common;
using Simpus.Core.Settings;
using Simpus.Core.Visits;
using Simpus.Web.Auth;

namespace Simpus.Clinic.Visits;

public static class VisitsApi
{
    public static RouteGroupBuilder MapVisits(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/visits").WithTags("Visits");

        group.MapPost("/", (VisitInput input, ClaimsPrincipal user, VisitService visits) =>
        {
            var visit = visits.Register(input, user.UserName());
            return TypedResults.Created($"/api/visits/{visit.Id}", visit);
        }).RequireAuthorization(Policies.Desk);

        group.MapGet("/", (string? date, string? poli, string? status, VisitService visits, SettingsStore settings, TimeProvider clock) =>
            TypedResults.Ok(visits.List(ParseDate(date, settings, clock), Text.Clean(poli)?.ToLowerInvariant(), Text.Clean(status))))
            .WithSummary("Kunjungan satu tanggal (default hari ini), per poli, urut nomor antrean.");

        group.MapGet("/{id:long}", (long id, VisitService visits) => TypedResults.Ok(visits.GetRequired(id)));

        group.MapGet("/{id:long}/history", (long id, VisitService visits) => TypedResults.Ok(visits.StatusHistory(id)));

        group.MapPost("/{id:long}/status", (long id, StatusInput input, ClaimsPrincipal user, VisitService visits) =>
        {
            var visit = visits.GetRequired(id);
            if (user.IsInRole("klinisi") && user.PoliOf() is { } poli && poli != visit.Poli)
            {
                throw new ForbiddenException("visit.otherPoli", $"Kunjungan ini milik poli {visit.Poli}, bukan poli Anda ({poli}).");
            }
            if (user.IsInRole("kepala"))
            {
                throw new ForbiddenException("visit.readOnly", "Kepala puskesmas tidak mengubah status kunjungan.");
            }
            return TypedResults.Ok(visits.ChangeStatus(id, input, user.UserName()));
        }).WithSummary("Ubah status: arrived → in-progress → finished, atau cancelled (dengan alasan).");

        return group;
    }

    internal static DateOnly ParseDate(string? date, SettingsStore settings, TimeProvider clock)
    {
        if (Text.Clean(date) is not { } text)
        {
            return TimeZones.LocalDate(clock.GetUtcNow(), settings.Get().TimeZone);
        }
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw ValidationFailedException.For("date", "date.format", "Tanggal harus berformat yyyy-MM-dd.");
    }
}
