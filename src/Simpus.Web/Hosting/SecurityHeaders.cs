using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Simpus.Web.Hosting;

/// <summary>
/// Headers on every response: no MIME sniffing, no referrer to other sites, and a Content-Security-Policy that allows
/// scripts, styles, images and requests from this service only and no inline script at all (every page's script is a
/// file under <c>/assets/</c>), so injected markup cannot run. No page may be framed by another site; the print pages
/// (<c>/cetak/...</c>) may be framed by this service's own pages (the desk prints the queue ticket from a hidden frame).
/// </summary>
public static class SecurityHeaders
{
    private const string Sources =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "connect-src 'self'; font-src 'self'; media-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; ";

    public const string ContentSecurityPolicy = Sources + "frame-ancestors 'none'";

    /// <summary>The policy of the print pages: framed by this service's own pages, by no other site.</summary>
    public const string PrintPagePolicy = Sources + "frame-ancestors 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            var printPage = http.Request.Path.StartsWithSegments("/cetak", StringComparison.OrdinalIgnoreCase);
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = printPage ? "SAMEORIGIN" : "DENY";
            headers["Referrer-Policy"] = "same-origin";
            if (!headers.ContainsKey("Content-Security-Policy"))
            {
                headers.ContentSecurityPolicy = printPage ? PrintPagePolicy : ContentSecurityPolicy;
            }
            return Task.CompletedTask;
        });
        return next(http);
    });
}
