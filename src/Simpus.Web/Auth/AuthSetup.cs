using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Simpus.Web.Hosting;
using Simpus.Web.Users;

namespace Simpus.Web.Auth;

public static class Claims
{
    public const string Poli = "simpus:poli";
    /// <summary>The session token (random, 256 bits); the <c>sessions</c> table keeps only its hash.</summary>
    public const string SessionToken = "simpus:session";
    public const string SessionId = "simpus:sid";

    public static string UserName(this ClaimsPrincipal user) => user.Identity?.Name ?? "?";

    public static string? PoliOf(this ClaimsPrincipal user) => user.FindFirstValue(Poli);

    public static long? SessionIdOf(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(SessionId), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}

/// <summary>
/// Cookie login for pages and API clients; every endpoint needs a login unless it says otherwise. The cookie only refers to a
/// server-side session (<see cref="SessionStore"/>), checked on every request; who the user is and what role they have comes
/// from the database, not from the cookie.
/// </summary>
public static class AuthSetup
{
    public const string CookieName = "simpus_auth";

    /// <param name="cookieName">The cookie's name: each service on a PC has its own, since browsers share cookies across ports.</param>
    public static IServiceCollection AddSimpusAuth(this IServiceCollection services, Action<AuthorizationBuilder> policies, string cookieName = CookieName)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section)
            .Validate(o => o.IsValid(), "Simpus:Auth: IdleTimeoutMinutes 1–10080, SessionCheckSeconds 0–10, FreeAttempts 1–100, UserCeiling 1–10000, CeilingDelaySeconds 0–30")
            .ValidateOnStart();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<SessionStore>();
        services.AddSimpusKeyRing();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = cookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.SlidingExpiration = true;
                o.LoginPath = "/login";
                o.ReturnUrlParameter = "returnUrl";
                o.Events.OnValidatePrincipal = ValidateSession;
                o.Events.OnRedirectToLogin = ctx => ErrorPages.IsApi(ctx.Request.Path)
                    ? ErrorPages.ProblemAsync(ctx.HttpContext, StatusCodes.Status401Unauthorized, "Belum masuk", "Silakan masuk (login) terlebih dahulu.", "auth.required")
                    : Redirect(ctx);
                o.Events.OnRedirectToAccessDenied = ctx => ErrorPages.IsApi(ctx.Request.Path)
                    ? ErrorPages.ProblemAsync(ctx.HttpContext, StatusCodes.Status403Forbidden, "Tidak diizinkan", "Peran Anda tidak diizinkan melakukan ini.", "auth.forbidden")
                    : ErrorPages.ForbiddenAsync(ctx.HttpContext);
            });
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>, IConfiguration>((o, auth, configuration) =>
            {
                o.ExpireTimeSpan = auth.Value.IdleTimeout;
                o.Cookie.SecurePolicy = Https.IsEnabled(configuration) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            });
        var builder = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        policies(builder);
        return services;
    }

    /// <summary>The principal of a session: the user as stored now, plus the session's token and id.</summary>
    public static ClaimsPrincipal Principal(SessionUser user, string token)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.UserId.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.Username),
            new(ClaimTypes.GivenName, user.FullName),
            new(ClaimTypes.Role, user.Role),
            new(Claims.SessionToken, token),
            new(Claims.SessionId, user.SessionId.ToString(CultureInfo.InvariantCulture)),
        };
        if (user.Poli is not null)
        {
            claims.Add(new Claim(Claims.Poli, user.Poli));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    private static async Task ValidateSession(CookieValidatePrincipalContext ctx)
    {
        var token = ctx.Principal?.FindFirstValue(Claims.SessionToken);
        var user = token is null ? null : ctx.HttpContext.RequestServices.GetRequiredService<SessionStore>().Check(token);
        if (user is null)
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        ctx.ReplacePrincipal(Principal(user, token!));
    }

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> ctx)
    {
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
