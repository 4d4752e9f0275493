using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Simpus.Web.Auth;

namespace Simpus.Web.Users;

public static class UsersApi
{
    /// <summary>User management for the admin: list, create, change profile/role/poli, reset a password, deactivate.</summary>
    public static RouteGroupBuilder MapUsers(this IEndpointRouteBuilder app, string adminPolicy)
    {
        var group = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(adminPolicy);
        group.MapGet("/", (UserStore users) => TypedResults.Ok(users.List()));
        group.MapGet("/roles", (UserStore users) => TypedResults.Ok(users.Roles))
            .WithSummary("Peran yang dikenal layanan ini.");
        group.MapPost("/", (UserInput input, UserStore users) =>
        {
            var user = users.Create(input);
            return TypedResults.Created($"/api/users/{user.Username}", user);
        }).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{username}", (string username, UserInput input, ClaimsPrincipal actor, UserStore users) =>
                TypedResults.Ok(users.Update(username, input, string.Equals(actor.UserName(), username, StringComparison.OrdinalIgnoreCase) ? actor.SessionIdOf() : null)))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Ubah pengguna; password = reset oleh admin. Menonaktifkan, mengganti peran/poli atau kata sandi mengakhiri sesinya.");
        return group;
    }
}
