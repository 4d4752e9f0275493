using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using Simpus.Clinic.Tests.Infrastructure;
using Simpus.Web.Auth;
using Simpus.Web.Hosting;

namespace Simpus.Clinic.Tests.Auth;

/// <summary>One key ring per installation (issue 14.2): two instances on one PC do not accept each other's cookies.</summary>
public sealed class KeyRingTests
{
    [Fact]
    public async Task A_second_instance_on_the_same_machine_refuses_the_first_ones_cookie()
    {
        await using var real = await ClinicServer.StartAsync();
        await using var training = await ClinicServer.StartAsync();
        var admin = await real.AdminAsync();
        var cookie = real.AuthCookieOf(admin);

        var onTraining = new HttpRequestMessage(HttpMethod.Post, "/api/users")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { username = "penyusup", password = "Kunci-palsu-123", role = "admin" }),
        };
        onTraining.Headers.Add("Cookie", cookie);
        var refused = await training.Anonymous().SendAsync(onTraining);
        var onReal = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        onReal.Headers.Add("Cookie", cookie);
        var accepted = await real.Anonymous().SendAsync(onReal);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        // Refused by the key ring itself, before any session lookup: the training copy cannot even read the cookie.
        var value = cookie[(AuthSetup.CookieName.Length + 1)..];
        Assert.NotNull(TicketFormat(real).Unprotect(value));
        Assert.Null(TicketFormat(training).Unprotect(value));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(real.DataDir, KeyRing.FolderName), "key-*.xml"));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(training.DataDir, KeyRing.FolderName), "key-*.xml"));
        Assert.NotEqual(KeyRing.ApplicationName(real.Database), KeyRing.ApplicationName(training.Database));
    }

    [Fact]
    public async Task A_restarted_instance_still_accepts_its_own_cookie()
    {
        var dataDir = TestFolders.New("restart");
        string cookie;
        await using (var first = await ClinicServer.StartInAsync(dataDir))
        {
            cookie = first.AuthCookieOf(await first.AdminAsync());
        }
        await using var again = await ClinicServer.StartInAsync(dataDir);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Add("Cookie", cookie);

        var response = await again.Anonymous().SendAsync(request);
        await again.DisposeAsync();
        TestFolders.TryDelete(dataDir);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Microsoft.AspNetCore.Authentication.ISecureDataFormat<Microsoft.AspNetCore.Authentication.AuthenticationTicket> TicketFormat(ClinicServer server) =>
        server.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme).TicketDataFormat;
}
