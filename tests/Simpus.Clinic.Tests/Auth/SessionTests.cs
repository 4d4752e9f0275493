using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.DependencyInjection;
using Simpus.Clinic.Tests.Infrastructure;
using Simpus.Core.Data;
using Simpus.Web.Auth;

namespace Simpus.Clinic.Tests.Auth;

/// <summary>Sessions the server controls (issue 14.1): every request is checked against the sessions table.</summary>
public sealed class SessionTests(SharedClinicServer shared) : IClassFixture<SharedClinicServer>
{
    private ClinicServer Server => shared.Server;

    [Fact]
    public async Task A_deactivated_user_is_refused_at_the_next_request()
    {
        var admin = await Server.AdminAsync();
        var (username, desk) = await Server.UserAsAsync("pendaftaran");
        var before = await desk.GetAsync("/api/auth/me");

        var deactivated = await admin.PutAsJsonAsync($"/api/users/{username}", new { active = false });
        var after = await desk.GetAsync("/api/patients?q=siti");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("application/problem+json", after.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["deactivated"], EndReasons(username));
    }

    [Fact]
    public async Task A_demoted_admin_can_no_longer_create_users()
    {
        var admin = await Server.AdminAsync();
        var (username, second) = await Server.UserAsAsync("admin");
        var whileAdmin = await second.PostAsJsonAsync("/api/users", new { username = username + "-x", password = "Sapu-lidi-2024", role = "pendaftaran" });

        await admin.PutAsJsonAsync($"/api/users/{username}", new { role = "pendaftaran" });
        var afterDemotion = await second.PostAsJsonAsync("/api/users", new { username = username + "-evil", password = "Sapu-lidi-2024", role = "admin" });
        var again = await Server.LoginAsync(username, ClinicServer.UserPassword);
        var asDesk = await again.PostAsJsonAsync("/api/users", new { username = username + "-evil", password = "Sapu-lidi-2024", role = "admin" });

        Assert.Equal(HttpStatusCode.Created, whileAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterDemotion.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asDesk.StatusCode);
        Assert.Null(Server.Services.GetRequiredService<Simpus.Web.Users.UserStore>().Find(username + "-evil"));
    }

    [Fact]
    public async Task Logout_ends_the_session_so_a_replayed_cookie_is_refused()
    {
        var (username, client) = await Server.UserAsAsync("kepala");
        var cookie = Server.AuthCookieOf(client);

        var logout = await client.PostAsync("/api/auth/logout", null);
        var replay = Server.Anonymous();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Add("Cookie", cookie);
        var replayed = await replay.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Equal(["logout"], EndReasons(username));
    }

    [Fact]
    public async Task Changing_the_own_password_ends_the_other_sessions_but_not_this_one()
    {
        var (username, here) = await Server.UserAsAsync("klinisi", "umum");
        var elsewhere = await Server.LoginAsync(username, ClinicServer.UserPassword);

        var wrongOld = await here.PostAsJsonAsync("/api/auth/password", new { oldPassword = "bukan-ini-sandinya", newPassword = "Teh-manis-hangat-3" });
        var weak = await here.PostAsJsonAsync("/api/auth/password", new { oldPassword = ClinicServer.UserPassword, newPassword = "password123" });
        var asName = await here.PostAsJsonAsync("/api/auth/password", new { oldPassword = ClinicServer.UserPassword, newPassword = username });
        var stillBoth = (await elsewhere.GetAsync("/api/auth/me")).StatusCode;
        var changed = await here.PostAsJsonAsync("/api/auth/password", new { oldPassword = ClinicServer.UserPassword, newPassword = "Teh-manis-hangat-3" });

        Assert.Equal("password.wrong", Code(await wrongOld.JsonAsync(), "oldPassword"));
        Assert.Equal("password.common", Code(await weak.JsonAsync(), "newPassword"));
        Assert.Equal(HttpStatusCode.BadRequest, asName.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillBoth);
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await elsewhere.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.Anonymous().PostAsJsonAsync("/api/auth/login", new { username, password = ClinicServer.UserPassword })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Server.Anonymous().PostAsJsonAsync("/api/auth/login", new { username, password = "Teh-manis-hangat-3" })).StatusCode);
    }

    [Fact]
    public async Task An_admin_reset_of_a_password_ends_every_session_of_that_user()
    {
        var admin = await Server.AdminAsync();
        var (username, desk) = await Server.UserAsAsync("pendaftaran");

        var tooShort = await admin.PutAsJsonAsync($"/api/users/{username}", new { password = "pendek" });
        var stillIn = (await desk.GetAsync("/api/auth/me")).StatusCode;
        var reset = await admin.PutAsJsonAsync($"/api/users/{username}", new { password = "Jeruk-nipis-segar" });

        Assert.Equal("password.tooShort", Code(await tooShort.JsonAsync(), "password"));
        Assert.Equal(HttpStatusCode.OK, stillIn);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await desk.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task The_admin_sees_live_sessions_and_ends_one()
    {
        var admin = await Server.AdminAsync();
        var (username, head) = await Server.UserAsAsync("kepala", fullName: "dr. Sesi Kepala");

        var sessions = await admin.GetFromJsonAsync<JsonElement>("/api/sessions");
        var mine = sessions.EnumerateArray().Single(s => s.GetProperty("username").GetString() == username);
        var own = sessions.EnumerateArray().Where(s => s.GetProperty("current").GetBoolean()).ToList();
        var id = mine.GetProperty("id").GetInt64();
        var ended = await admin.DeleteAsync($"/api/sessions/{id}");
        var endedAgain = await admin.DeleteAsync($"/api/sessions/{id}");
        var headAfter = await head.GetAsync("/api/auth/me");
        var afterList = await admin.GetFromJsonAsync<JsonElement>("/api/sessions");
        var asHead = await (await Server.LoginAsync(username, ClinicServer.UserPassword)).GetAsync("/api/sessions");

        Assert.Equal("dr. Sesi Kepala", mine.GetProperty("fullName").GetString());
        Assert.Equal("127.0.0.1", mine.GetProperty("address").GetString());
        Assert.Single(own);
        Assert.Equal("admin", own[0].GetProperty("username").GetString());
        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, endedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, headAfter.StatusCode);
        Assert.DoesNotContain(afterList.EnumerateArray(), s => s.GetProperty("id").GetInt64() == id);
        Assert.Equal(HttpStatusCode.Forbidden, asHead.StatusCode);
    }

    [Fact]
    public async Task The_last_active_admin_can_be_neither_deactivated_nor_demoted()
    {
        var admin = await Server.AdminAsync();
        var others = (await admin.GetFromJsonAsync<JsonElement>("/api/users")).EnumerateArray()
            .Where(u => u.GetProperty("role").GetString() == "admin" && u.GetProperty("active").GetBoolean() && u.GetProperty("username").GetString() != "admin")
            .Select(u => u.GetProperty("username").GetString()!).ToList();
        foreach (var other in others)
        {
            await admin.PutAsJsonAsync($"/api/users/{other}", new { active = false });
        }

        var deactivate = await admin.PutAsJsonAsync("/api/users/admin", new { active = false });
        var demote = await admin.PutAsJsonAsync("/api/users/admin", new { role = "kepala" });

        Assert.Equal(HttpStatusCode.Conflict, deactivate.StatusCode);
        Assert.Equal("user.lastAdmin", (await demote.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/users")).StatusCode);
    }

    [Fact]
    public void A_session_unused_for_the_idle_timeout_ends_and_use_keeps_it_alive()
    {
        var folder = TestFolders.New("sessions");
        try
        {
            TemplateDatabase.CopyTo(Path.Combine(folder, "s.db"));
            var db = new Database(Path.Combine(folder, "s.db"));
            using (var c = db.Open())
            {
                c.Execute("INSERT INTO users (username, full_name, password_hash, role, active, created_at, updated_at) VALUES ('bidan', 'Bidan', 'x', 'klinisi', 1, 'x', 'x')");
            }
            var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
            var store = new SessionStore(db, clock, Options.Create(new AuthOptions { IdleTimeoutMinutes = 480, SessionCheckSeconds = 2 }), NullLogger<SessionStore>.Instance);
            var busy = store.Start(1, "bidan", "127.0.0.1", "test");
            var idle = store.Start(1, "bidan", "127.0.0.1", "test");

            var checks = new List<bool>();
            for (var hour = 0; hour < 10; hour++)
            {
                clock.Advance(TimeSpan.FromHours(1));
                checks.Add(store.Check(busy.Token) is not null);
            }
            var idleAfter10Hours = store.Check(idle.Token);
            using var read = db.Open();
            var reason = read.ExecuteScalar<string>("SELECT end_reason FROM sessions WHERE id = @Id", new { idle.Id });

            Assert.All(checks, Assert.True);
            Assert.Null(idleAfter10Hours);
            Assert.Equal("idle", reason);
            Assert.Null(store.Check("not-a-token"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TestFolders.TryDelete(folder);
        }
    }

    private List<string> EndReasons(string username)
    {
        using var c = Server.Database.Open();
        return c.Query<string>("""
            SELECT s.end_reason FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = @username ORDER BY s.id
            """, new { username }).ToList();
    }

    private static string? Code(JsonElement problem, string field) =>
        problem.GetProperty("codes").GetProperty(field)[0].GetString();
}
