using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Simpus.Web.Users;

namespace Simpus.Web.Auth;

public static class Claims
{
    public const string Poli = "simpus:poli";

    public static string UserName(this ClaimsPrincipal user) => user.Identity?.Name ?? "?";

    public static string? PoliOf(this ClaimsPrincipal user) => user.FindFirstValue(Poli);
}

/// <summary>Cookie login for pages and API clients; every endpoint needs a login unless it says otherwise.</summary>
public static class AuthSetup
{
    public const string CookieName = "simpus_auth";

    public static IServiceCollection AddSimpusAuth(this IServiceCollection services, Action<AuthorizationBuilder> policies)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<LoginThrottle>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                o.LoginPath = "/login";
                o.Events.OnRedirectToLogin = ctx => Deny(ctx, StatusCodes.Status401Unauthorized, "Belum masuk", "Silakan masuk (login) terlebih dahulu.", "auth.required");
                o.Events.OnRedirectToAccessDenied = ctx => Deny(ctx, StatusCodes.Status403Forbidden, "Tidak diizinkan", "Peran Anda tidak diizinkan melakukan ini.", "auth.forbidden");
            });
        var builder = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        policies(builder);
        return services;
    }

    public static ClaimsPrincipal Principal(User user)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.Username),
            new(ClaimTypes.GivenName, user.FullName),
            new(ClaimTypes.Role, user.Role),
        };
        if (user.Poli is not null)
        {
            claims.Add(new Claim(Claims.Poli, user.Poli));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    private static async Task Deny(RedirectContext<CookieAuthenticationOptions> ctx, int status, string title, string detail, string code)
    {
        if (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/openapi"))
        {
            ctx.Response.StatusCode = status;
            var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = "https://simpus.id/problems/" + code };
            problem.Extensions["code"] = code;
            await ctx.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
            return;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
    }
}
