using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Simpus.Web.Users;

public static class UsersApi
{
    /// <summary>User management for the admin: list, create, change role/poli/password, deactivate.</summary>
    public static RouteGroupBuilder MapUsers(this IEndpointRouteBuilder app, string adminPolicy)
    {
        var group = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(adminPolicy);
        group.MapGet("/", (UserStore users) => TypedResults.Ok(users.List()));
        group.MapPost("/", (UserInput input, UserStore users) =>
        {
            var user = users.Create(input);
            return TypedResults.Created($"/api/users/{user.Username}", user);
        });
        group.MapPut("/{username}", (string username, UserInput input, UserStore users) => TypedResults.Ok(users.Update(username, input)));
        return group;
    }
}
