using System.Security.Claims;
using Simpus.Clinic.Hosting;
using Simpus.Clinic.Visits;
using Simpus.Core.Common;
using Simpus.Core.Queue;
using Simpus.Core.Settings;
using Simpus.Core.Visits;
using Simpus.Web.Auth;
using Simpus.Web.Hosting;

namespace Simpus.Clinic.Queue;

/// <summary>
/// The waiting room: the board per poli, the calls the <c>/antrian</c> screen shows and speaks, repeated calls from the
/// worklist, and the queue ticket (<c>/cetak/antrean/{visitId}</c>) for a 58 or 80 mm thermal printer.
/// </summary>
public static class QueueApi
{
    public static IServiceCollection AddQueue(this IServiceCollection services) => services.AddSingleton<QueueService>();

    public static IEndpointRouteBuilder MapQueue(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/queue").WithTags("Antrean");
        group.MapGet("/", (string? date, QueueService queue, SettingsStore settings, TimeProvider clock) =>
            TypedResults.Ok(queue.Board(VisitsApi.ParseDate(date, settings, clock))))
            .ProducesValidationProblem()
            .WithSummary("Papan antrean ruang tunggu: nomor yang sedang dilayani dan berikutnya per poli, dengan huruf poli (tanpa nama pasien).");
        group.MapGet("/calls", (long? after, QueueService queue) => TypedResults.Ok(queue.Calls(after)))
            .WithSummary("Panggilan hari ini sesudah id 'after' (tanpa 'after': panggilan terakhir saja), dengan kalimat yang diucapkan layar antrean.");

        app.MapPost("/api/visits/{id:long}/call", (long id, ClaimsPrincipal user, QueueService queue, VisitService visits) =>
        {
            var visit = visits.GetRequired(id);
            if (user.IsInRole("klinisi") && user.PoliOf() is { } poli && poli != visit.Poli)
            {
                throw new ForbiddenException("visit.otherPoli", $"Kunjungan ini milik {visit.PoliName ?? visit.Poli}, bukan poli Anda.");
            }
            return TypedResults.Ok(queue.Repeat(id, user.UserName()));
        }).RequireAuthorization(Policies.Clinical).WithTags("Antrean")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Panggil ulang pasien yang sedang dilayani: layar antrean menampilkan dan mengucapkan nomornya lagi.");

        app.MapGet("/api/visits/{id:long}/ticket", (long id, QueueService queue) => TypedResults.Ok(queue.Ticket(id)))
            .WithTags("Antrean").ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Isi tiket antrean: poli, nomor dengan huruf, tanggal dan jam, jumlah yang menunggu sebelumnya.");

        var assembly = typeof(QueueApi).Assembly;
        app.MapPage("/antrian", assembly, "antrian.html");
        app.MapPage("/cetak/antrean/{visitId:long}", assembly, "cetak-antrean.html", Policies.Desk);
        return app;
    }
}
