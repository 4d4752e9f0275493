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

public sealed record PasswordChange(string? OldPassword, string? NewPassword);

/// <summary>Who is logged in, with the profile fields letters and SATUSEHAT use (<c>nip</c>, <c>sip</c>, <c>nik</c>).</summary>
public sealed record Me(string Username, string FullName, string Role, string? Poli, string? Nip, string? Sip, string? Nik)
{
    public static Me From(User user) => new(user.Username, user.FullName, user.Role, user.Poli, user.Nip, user.Sip, user.Nik);
}

public static class AuthApi
{
    public static RouteGroupBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/login", Login).AllowAnonymous()
            .Produces<Me>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Masuk: membuka sesi di server; cookie login merujuk sesi itu.");
        group.MapPost("/logout", async (HttpContext http, SessionStore sessions) =>
        {
            if (http.User.FindFirstValue(Claims.SessionToken) is { } token)
            {
                sessions.End(token, EndReason.Logout);
            }
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.NoContent();
        }).AllowAnonymous().WithSummary("Keluar: sesi diakhiri di server (cookie lama tidak berlaku lagi).");
        group.MapGet("/me", (ClaimsPrincipal user, UserStore users) =>
            users.Find(user.UserName()) is { } u ? Results.Ok(Me.From(u)) : Results.Unauthorized())
            .Produces<Me>().ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/password", ChangePassword)
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Ganti kata sandi sendiri (lama + baru, aturan sama dengan admin); sesi lain pengguna ini diakhiri.");
        return group;
    }

    private static async Task<IResult> Login(LoginRequest request, HttpContext http, UserStore users, SessionStore sessions, LoginThrottle throttle,
        TimeProvider clock)
    {
        var v = new Validation();
        var username = Text.Clean(request.Username)?.ToLowerInvariant();
        if (username is null)
        {
            v.Add("username", "username.required", "Nama pengguna wajib diisi.");
        }
        else if (username.Length > 100 || username.Any(char.IsControl))
        {
            v.Add("username", "username.invalid", "Nama pengguna tidak sah.");
        }
        if (string.IsNullOrEmpty(request.Password))
        {
            v.Add("password", "password.required", "Kata sandi wajib diisi.");
        }
        else if (request.Password.Length > 1000)
        {
            v.Add("password", "password.tooLong", "Kata sandi terlalu panjang.");
        }
        if (v.HasErrors)
        {
            return ProblemMapping.ValidationResult(v.Errors);
        }
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "?";
        if (throttle.RetryAfter(LoginThrottle.LoginKey(address, username!)) is { } wait)
        {
            return Throttled(http, wait, "auth.throttled", $"Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {Minutes(wait)} menit.");
        }
        if (throttle.CeilingDelay(username!) is { Ticks: > 0 } delay)
        {
            await Task.Delay(delay, clock, http.RequestAborted);
        }
        var user = users.Verify(username!, request.Password!);
        if (user is null)
        {
            throttle.LoginFailed(address, username!);
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
        throttle.LoginSucceeded(address, username!);
        if (http.User.FindFirstValue(Claims.SessionToken) is { } replaced)
        {
            sessions.End(replaced, EndReason.Logout);
        }
        var session = sessions.Start(user.Id, user.Username, address, http.Request.Headers.UserAgent.ToString());
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            AuthSetup.Principal(new SessionUser(session.Id, user.Id, user.Username, user.FullName, user.Role, user.Poli), session.Token));
        return TypedResults.Ok(Me.From(user));
    }

    private static IResult ChangePassword(PasswordChange input, ClaimsPrincipal user, UserStore users, LoginThrottle throttle, HttpContext http)
    {
        var key = "password:" + user.UserName();
        if (throttle.RetryAfter(key) is { } wait)
        {
            return Throttled(http, wait, "password.throttled", $"Kata sandi lama salah berkali-kali. Coba lagi dalam {Minutes(wait)} menit.");
        }
        try
        {
            users.ChangeOwnPassword(user.UserName(), input.OldPassword, input.NewPassword, user.SessionIdOf() ?? 0);
        }
        catch (ValidationFailedException e) when (e.Errors.Any(x => x.Code == "password.wrong"))
        {
            throttle.Failed(key);
            throw;
        }
        throttle.Succeeded(key);
        return TypedResults.NoContent();
    }

    private static string Minutes(TimeSpan wait) => Math.Ceiling(wait.TotalMinutes).ToString(CultureInfo.InvariantCulture);

    private static IResult Throttled(HttpContext http, TimeSpan wait, string code, string detail)
    {
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Terlalu banyak percobaan",
            Detail = detail,
            Type = "https://simpus.id/problems/" + code,
        };
        problem.Extensions["code"] = code;
        return Results.Problem(problem);
    }
}
