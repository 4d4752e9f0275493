using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Simpus.Web.Auth;

namespace Simpus.Web.Hosting;

/// <summary>
/// What a person sees instead of a raw error: an Indonesian page for a page they may not open (403) and for an address that
/// does not exist (404), naming who is logged in, with a link home. API paths keep <c>application/problem+json</c>.
/// </summary>
public static class ErrorPages
{
    private static readonly Lazy<string> Template = new(() =>
    {
        using var stream = typeof(ErrorPages).Assembly.GetManifestResourceStream("Simpus.Web.wwwroot.galat.html")
            ?? throw new InvalidOperationException("galat.html is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>True for the machine paths (<c>/api</c>, <c>/openapi</c>) that answer ProblemDetails, not pages.</summary>
    public static bool IsApi(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi");

    public static Task ForbiddenAsync(HttpContext http) =>
        WriteAsync(http, StatusCodes.Status403Forbidden, "Anda tidak punya akses ke halaman ini",
            "Halaman ini tidak termasuk tugas peran Anda. Bila Anda memerlukannya, minta admin puskesmas mengatur peran Anda.", otherAccount: true);

    public static Task NotFoundAsync(HttpContext http) =>
        WriteAsync(http, StatusCodes.Status404NotFound, "Halaman tidak ditemukan",
            "Alamat yang Anda buka tidak ada. Periksa alamatnya, atau pilih menu dari beranda.", otherAccount: false);

    /// <summary>A ProblemDetails body (for API paths) with a stable code.</summary>
    public static Task ProblemAsync(HttpContext http, int status, string title, string detail, string code)
    {
        http.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = "https://simpus.id/problems/" + code };
        problem.Extensions["code"] = code;
        return http.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    private static Task WriteAsync(HttpContext http, int status, string title, string message, bool otherAccount)
    {
        var html = HtmlEncoder.Default;
        var user = http.User;
        string who;
        if (user.Identity?.IsAuthenticated == true)
        {
            var name = user.FindFirstValue(ClaimTypes.GivenName) ?? user.UserName();
            var role = user.FindFirstValue(ClaimTypes.Role) ?? "";
            var poli = user.PoliOf();
            who = $"Anda masuk sebagai <strong>{html.Encode(name)}</strong> ({html.Encode(user.UserName())}, peran {html.Encode(role)}"
                + (poli is null ? "" : $", poli {html.Encode(poli)}") + ").";
        }
        else
        {
            who = "Anda belum masuk.";
            otherAccount = true;
        }
        var page = Template.Value
            .Replace("{{judul}}", html.Encode(title), StringComparison.Ordinal)
            .Replace("{{pesan}}", html.Encode(message), StringComparison.Ordinal)
            .Replace("{{pengguna}}", who, StringComparison.Ordinal)
            .Replace("{{lain}}", otherAccount ? " · <a href=\"/login\">Masuk dengan akun lain</a>" : "", StringComparison.Ordinal);
        http.Response.StatusCode = status;
        http.Response.Headers.CacheControl = "no-store";
        http.Response.ContentType = "text/html; charset=utf-8";
        return http.Response.WriteAsync(page);
    }
}

/// <summary>
/// Route constraint <c>halaman</c>: the address is a page's, not under <c>/api</c> or <c>/openapi</c>. The "Halaman tidak
/// ditemukan" fallback uses it, so unknown API addresses and refused media types keep their own answers (404/405/415
/// as problem+json).
/// </summary>
public sealed class PagePathConstraint : IRouteConstraint
{
    public const string Name = "halaman";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
    {
        var path = values.TryGetValue(routeKey, out var value) ? value?.ToString() ?? "" : "";
        return !ErrorPages.IsApi(new PathString("/" + path.TrimStart('/')));
    }
}
