using Microsoft.AspNetCore.Builder;

namespace Simpus.Web.Hosting;

/// <summary>
/// Headers on every response: no MIME sniffing, no framing by other sites (<c>X-Frame-Options</c> and CSP
/// <c>frame-ancestors</c>), no referrer to other sites. The CSP carries no script rule yet: pages still have inline scripts.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy = "frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            if (!headers.ContainsKey("Content-Security-Policy"))
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
            }
            return Task.CompletedTask;
        });
        return next(http);
    });
}
