using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.DependencyInjection;
using Simpus.Clinic.Tests.Infrastructure;
using Simpus.Web.Auth;

namespace Simpus.Clinic.Tests.Auth;

/// <summary>Throttling that cannot be turned against users (issue 14.3).</summary>
public sealed class ThrottleTests
{
    [Fact]
    public async Task Wrong_passwords_from_one_address_do_not_lock_the_real_user_out_from_another()
    {
        await using var server = await ClinicServer.StartAsync();
        var (username, _) = await server.UserAsAsync("pendaftaran");
        var attacker = server.Anonymous("127.0.0.2");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            statuses.Add((await attacker.PostAsJsonAsync("/api/auth/login", new { username, password = "tebakan-" + i })).StatusCode);
        }
        var attackerWithRightPassword = await attacker.PostAsJsonAsync("/api/auth/login", new { username, password = ClinicServer.UserPassword });

        var realUser = server.Anonymous("127.0.0.3");
        var login = await realUser.PostAsJsonAsync("/api/auth/login", new { username, password = ClinicServer.UserPassword });
        var works = await realUser.GetAsync("/api/patients?q=siti");

        Assert.All(statuses.Take(4), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, attackerWithRightPassword.StatusCode);
        Assert.NotNull(attackerWithRightPassword.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, works.StatusCode);
    }

    [Fact]
    public async Task Above_the_per_user_ceiling_logins_are_slowed_never_locked()
    {
        await using var server = await ClinicServer.StartAsync("--Simpus:Auth:UserCeiling=4", "--Simpus:Auth:CeilingDelaySeconds=0.2");
        var (username, _) = await server.UserAsAsync("kepala");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            var from = server.Anonymous($"127.0.1.{i + 1}");
            statuses.Add((await from.PostAsJsonAsync("/api/auth/login", new { username, password = "salah-sekali-" + i })).StatusCode);
        }
        var throttle = server.Services.GetRequiredService<LoginThrottle>();
        var slowed = throttle.CeilingDelay(username);

        var right = await server.Anonymous("127.0.2.1").PostAsJsonAsync("/api/auth/login", new { username, password = ClinicServer.UserPassword });

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(TimeSpan.FromSeconds(0.2), slowed);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(TimeSpan.Zero, throttle.CeilingDelay(username));
    }

    [Fact]
    public void Every_lock_and_unlock_is_logged()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        var logger = new ListLogger();
        var throttle = new LoginThrottle(clock, Options.Create(new AuthOptions { FreeAttempts = 3, UserCeiling = 5, CeilingDelaySeconds = 1 }), logger);

        for (var i = 0; i < 3; i++)
        {
            throttle.LoginFailed("10.0.0.5", "loket");
        }
        var locked = throttle.RetryAfter(LoginThrottle.LoginKey("10.0.0.5", "loket"));
        var otherAddress = throttle.RetryAfter(LoginThrottle.LoginKey("10.0.0.6", "loket"));
        clock.Advance(TimeSpan.FromSeconds(61));
        var afterMinute = throttle.RetryAfter(LoginThrottle.LoginKey("10.0.0.5", "loket"));
        throttle.LoginFailed("10.0.0.5", "loket");
        var relockedFor = throttle.RetryAfter(LoginThrottle.LoginKey("10.0.0.5", "loket"));
        throttle.LoginFailed("10.0.0.7", "loket");
        var ceiling = throttle.CeilingDelay("loket");
        throttle.LoginSucceeded("10.0.0.6", "loket");

        Assert.Equal(TimeSpan.FromMinutes(1), locked);
        Assert.Null(otherAddress);
        Assert.Null(afterMinute);
        Assert.Equal(TimeSpan.FromMinutes(2), relockedFor);
        Assert.Equal(TimeSpan.FromSeconds(1), ceiling);
        Assert.Equal(TimeSpan.Zero, throttle.CeilingDelay("loket"));
        Assert.Collection(logger.Messages,
            m => Assert.Equal("Locked login:10.0.0.5|loket after 3 failed attempts for 60 s", m),
            m => Assert.Equal("Unlocked login:10.0.0.5|loket (expired)", m),
            m => Assert.Equal("Locked login:10.0.0.5|loket after 4 failed attempts for 120 s", m),
            m => Assert.Equal("Logins of loket slowed by 1 s: 5 failed attempts from all addresses in 15 minutes", m),
            m => Assert.Equal("Logins of loket no longer slowed (successful login)", m));
    }

    private sealed class ListLogger : ILogger<LoginThrottle>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Messages)
            {
                Messages.Add(formatter(state, exception));
            }
        }
    }
}
