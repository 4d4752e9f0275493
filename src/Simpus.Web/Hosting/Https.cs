using Microsoft.Extensions.Configuration;

namespace Simpus.Web.Hosting;

/// <summary>
/// Optional HTTPS with a certificate from settings, through Kestrel's own keys (e.g.
/// <c>Kestrel:Endpoints:Https:Url=https://0.0.0.0:5443</c>, <c>Kestrel:Endpoints:Https:Certificate:Path</c> and
/// <c>:Password</c> for a .pfx). When an HTTPS address is configured the login cookie is <c>Secure</c> and plain HTTP
/// requests are redirected to HTTPS.
/// </summary>
public static class Https
{
    public static bool IsEnabled(IConfiguration configuration)
    {
        var urls = configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? "";
        return urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(IsHttps)
            || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any(e => IsHttps(e["Url"] ?? ""));
    }

    private static bool IsHttps(string url) => url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
