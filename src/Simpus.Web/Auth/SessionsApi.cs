using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Simpus.Core.Common;

namespace Simpus.Web.Auth;

public static class SessionsApi
{
    /// <summary>The admin's view of who is logged in: list live sessions, end one.</summary>
    public static RouteGroupBuilder MapSessions(this IEndpointRouteBuilder app, string adminPolicy)
    {
        var group = app.MapGroup("/api/sessions").WithTags("Users").RequireAuthorization(adminPolicy);
        group.MapGet("/", (ClaimsPrincipal user, SessionStore sessions) =>
        {
            var current = user.SessionIdOf();
            return TypedResults.Ok(sessions.Active().Select(s => s with { Current = s.Id == current }).ToList());
        }).WithSummary("Sesi yang aktif: pengguna, mulai, terakhir dipakai, alamat, peramban (current = sesi Anda sendiri).");
        group.MapDelete("/{id:long}", (long id, SessionStore sessions) =>
        {
            if (!sessions.EndById(id, EndReason.Admin))
            {
                throw new NotFoundException("session.notFound", "Sesi ini tidak ada atau sudah berakhir.");
            }
            return TypedResults.NoContent();
        }).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Akhiri sesi: pemiliknya harus masuk lagi.");
        return group;
    }
}
