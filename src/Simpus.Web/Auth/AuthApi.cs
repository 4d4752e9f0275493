using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Simpus.Core.Common;
using Simpus.Web.Problems;
using Simpus.Web.Users;

namespace Simpus.Web.Auth;

public sealed record LoginRequest(string? Username, string? Password);

public sealed record Me(string Username, string FullName, string Role, string? Poli);

public static class AuthApi
{
    public static RouteGroupBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/login", Login).AllowAnonymous().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.NoContent();
        }).AllowAnonymous();
        group.MapGet("/me", (ClaimsPrincipal user) => TypedResults.Ok(new Me(
            user.UserName(), user.FindFirstValue(ClaimTypes.GivenName) ?? user.UserName(), user.FindFirstValue(ClaimTypes.Role) ?? "", user.PoliOf())));
        return group;
    }

    private static async Task<IResult> Login(LoginRequest request, HttpContext http, UserStore users, LoginThrottle throttle)
    {
        var v = new Validation();
        var username = Text.Clean(request.Username)?.ToLowerInvariant();
        if (username is null)
        {
            v.Add("username", "username.required", "Nama pengguna wajib diisi.");
        }
        if (string.IsNullOrEmpty(request.Password))
        {
            v.Add("password", "password.required", "Kata sandi wajib diisi.");
        }
        if (v.HasErrors)
        {
            return ProblemMapping.ValidationResult(v.Errors);
        }
        var userKey = "user:" + username;
        var ipKey = "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "?");
        if (throttle.RetryAfter(userKey, ipKey) is { } wait)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            var problem = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Terlalu banyak percobaan",
                Detail = $"Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {Math.Ceiling(wait.TotalMinutes)} menit.",
                Type = "https://simpus.id/problems/auth.throttled",
            };
            problem.Extensions["code"] = "auth.throttled";
            return Results.Problem(problem);
        }
        var user = users.Verify(username!, request.Password!);
        if (user is null)
        {
            throttle.Failed(userKey, ipKey);
            var problem = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Gagal masuk",
                Detail = "Nama pengguna atau kata sandi salah.",
                Type = "https://simpus.id/problems/auth.invalid",
            };
            problem.Extensions["code"] = "auth.invalid";
            return Results.Problem(problem);
        }
        throttle.Succeeded(userKey);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AuthSetup.Principal(user));
        return TypedResults.Ok(new Me(user.Username, user.FullName, user.Role, user.Poli));
    }
}
