using System.Globalization;
using System.Security.Claims;
using Simpus.Clinic.Hosting;
using Simpus.Core.Common;
using Simpus.Core.Settings;
using Simpus.Core.Visits;
using Simpus.Web.Auth;

namespace Simpus.Clinic.Visits;

public sealed record QueueEntry(int QueueNumber, string Status);

public sealed record PoliQueue(string Poli, string Name, int? Serving, int Waiting, IReadOnlyList<int> Next, int Finished);

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

        app.MapGet("/api/queue", (string? date, VisitService visits, SettingsStore settings, TimeProvider clock) =>
        {
            var day = ParseDate(date, settings, clock);
            var all = visits.List(day, null);
            var board = settings.ListPoli().Select(p =>
            {
                var mine = all.Where(v => v.Poli == p.Code).ToList();
                var serving = mine.Where(v => v.Status == VisitStatuses.InProgress).OrderByDescending(v => v.StartedAt).FirstOrDefault();
                var waiting = mine.Where(v => v.Status == VisitStatuses.Arrived).OrderBy(v => v.QueueNumber).ToList();
                return new PoliQueue(p.Code, p.Name, serving?.QueueNumber, waiting.Count, waiting.Take(5).Select(v => v.QueueNumber).ToList(),
                    mine.Count(v => v.Status == VisitStatuses.Finished));
            }).ToList();
            return TypedResults.Ok(board);
        }).WithTags("Visits").WithSummary("Papan antrean ruang tunggu: nomor yang sedang dilayani dan berikutnya per poli (tanpa nama pasien).");

        return group;
    }

    private static DateOnly ParseDate(string? date, SettingsStore settings, TimeProvider clock)
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
