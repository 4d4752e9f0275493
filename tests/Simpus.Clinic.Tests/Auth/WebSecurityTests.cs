using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Simpus.Clinic.Tests.Infrastructure;
using Simpus.Web.Hosting;

namespace Simpus.Clinic.Tests.Auth;

/// <summary>Forbidden and unknown pages in Indonesian, problem+json for the API, favicon, security headers, optional HTTPS.</summary>
public sealed class WebSecurityTests(SharedClinicServer shared) : IClassFixture<SharedClinicServer>
{
    private ClinicServer Server => shared.Server;

    [Fact]
    public async Task Pages_a_role_may_not_open_answer_an_Indonesian_page_and_the_api_keeps_problem_json()
    {
        var (_, desk) = await Server.UserAsAsync("pendaftaran", fullName: "Rina Loket");

        foreach (var path in new[] { "/poli", "/laporan", "/absensi", "/admin", "/pasien/KK-000001-01/riwayat", "/pengguna", "/akses" })
        {
            var page = await desk.GetAsync(path);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
            Assert.Contains("Anda tidak punya akses ke halaman ini", html, StringComparison.Ordinal);
            Assert.Contains("Rina Loket", html, StringComparison.Ordinal);
            Assert.Contains("href=\"/\"", html, StringComparison.Ordinal);
        }
        var api = await desk.GetAsync("/api/users");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Unknown_addresses_answer_Halaman_tidak_ditemukan_and_the_favicon_is_there()
    {
        var anonymous = Server.Anonymous();
        var desk = await Server.ClientAsAsync("pendaftaran");

        var unknown = await anonymous.GetAsync("/halaman-yang-tidak-ada");
        var unknownLoggedIn = await desk.GetAsync("/pendaftaran/lama.php");
        var unknownApi = await desk.GetAsync("/api/tidak-ada");
        var favicon = await anonymous.GetAsync("/favicon.ico");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Halaman tidak ditemukan", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownLoggedIn.StatusCode);
        Assert.Contains("Halaman tidak ditemukan", await unknownLoggedIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownApi.StatusCode);
        Assert.Equal("application/problem+json", unknownApi.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, favicon.StatusCode);
        Assert.Equal("image/x-icon", favicon.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0, 0, 1, 0], (await favicon.Content.ReadAsByteArrayAsync())[..4]);
    }

    [Fact]
    public void No_page_carries_inline_script_so_the_policy_can_forbid_it()
    {
        var src = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src"));
        var pages = Directory.GetFiles(src, "*.html", SearchOption.AllDirectories)
            .Where(p => p.Contains($"{Path.DirectorySeparatorChar}wwwroot{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        var inline = new System.Text.RegularExpressions.Regex(@"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

        Assert.True(pages.Count > 20, $"only {pages.Count} pages found under {src}");
        Assert.All(pages, p => Assert.False(inline.IsMatch(File.ReadAllText(p)), $"{p} carries an inline script"));
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        var anonymous = Server.Anonymous();
        var desk = await Server.ClientAsAsync("pendaftaran");
        var responses = new[]
        {
            await anonymous.GetAsync("/login"),
            await anonymous.GetAsync("/health"),
            await anonymous.GetAsync("/api/patients?q=x"),
            await anonymous.GetAsync("/pendaftaran"),
            await anonymous.GetAsync("/assets/simpus.js"),
            await anonymous.GetAsync("/tidak-ada"),
            await desk.GetAsync("/admin"),
            await desk.PostAsJsonAsync("/api/patients", new { name = "" }),
            await desk.PostAsync("/api/patients", new StringContent("{bukan json", System.Text.Encoding.UTF8, "application/json")),
        };

        foreach (var r in responses)
        {
            Assert.Equal("nosniff", Header(r, "X-Content-Type-Options"));
            Assert.Equal("DENY", Header(r, "X-Frame-Options"));
            Assert.Equal("same-origin", Header(r, "Referrer-Policy"));
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Header(r, "Content-Security-Policy"));
            Assert.Contains("script-src 'self';", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
            Assert.EndsWith("frame-ancestors 'none'", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        }

        // The print pages may be framed by the service's own pages (the desk prints the queue ticket from a hidden frame).
        var ticket = await desk.GetAsync("/cetak/antrean/1");
        Assert.Equal("SAMEORIGIN", Header(ticket, "X-Frame-Options"));
        Assert.EndsWith("frame-ancestors 'self'", Header(ticket, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_certificate_in_the_settings_the_service_speaks_https_and_the_cookie_is_secure()
    {
        var folder = TestFolders.New("cert");
        var pfx = Path.Combine(folder, "simpus.pfx");
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=simpus.local", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "sandi-sertifikat"));
        await using var server = await ClinicServer.StartAsync(
            "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0",
            "--Kestrel:Endpoints:Https:Url=https://127.0.0.1:0",
            $"--Kestrel:Endpoints:Https:Certificate:Path={pfx}",
            "--Kestrel:Endpoints:Https:Certificate:Password=sandi-sertifikat");
        var addresses = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var https = new Uri(addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal)));
        var http = new Uri(addresses.Single(a => a.StartsWith("http://", StringComparison.Ordinal)));
        var thumbprint = certificate.Thumbprint;
        using var secure = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == thumbprint,
            UseCookies = false,
        }) { BaseAddress = https };
        using var plain = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = http };

        var login = await secure.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = ClinicServer.AdminPassword });
        var redirected = await plain.GetAsync("/login");

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("simpus_auth=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirected.StatusCode);
        Assert.Equal(https.Port, redirected.Headers.Location!.Port);
        Assert.Equal("https", redirected.Headers.Location.Scheme);
        TestFolders.TryDelete(folder);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single()
        : response.Content.Headers.TryGetValues(name, out var content) ? content.Single()
        : null;
}
