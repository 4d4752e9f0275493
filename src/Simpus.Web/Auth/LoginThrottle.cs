using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Simpus.Web.Auth;

/// <summary>
/// Failed attempts, counted per key within 15 minutes. After <see cref="AuthOptions.FreeAttempts"/> failures a key is locked
/// for 1 minute, doubling with each further failure (at most 30 minutes); a success clears it. Logins count per client address
/// and user name together (<see cref="LoginFailed"/>), so failures from one address never lock the same user out elsewhere;
/// across all addresses a user name only gets slower (<see cref="CeilingDelay"/>), never locked. Every lock, unlock and
/// slow-down is logged. The kiosk's PINs use the plain per-key lock.
/// </summary>
public sealed partial class LoginThrottle(TimeProvider clock, IOptions<AuthOptions> options, ILogger<LoginThrottle> logger)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private const int PruneAbove = 10_000;
    private readonly ConcurrentDictionary<string, State> _states = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ITimer> _unlockTimers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, State> _users = new(StringComparer.OrdinalIgnoreCase);

    private int FreeAttempts => options.Value.FreeAttempts;

    /// <summary>The key of a login attempt: this address and this user name.</summary>
    public static string LoginKey(string address, string username) => $"login:{address}|{username}";

    /// <summary>How long the caller must still wait, or null if it may try now.</summary>
    public TimeSpan? RetryAfter(params string[] keys)
    {
        var now = clock.GetUtcNow();
        TimeSpan? wait = null;
        foreach (var key in keys)
        {
            if (_states.TryGetValue(key, out var s) && s.LockedUntil > now)
            {
                var w = s.LockedUntil - now;
                wait = wait is null || w > wait ? w : wait;
            }
        }
        return wait;
    }

    public void Failed(params string[] keys)
    {
        var now = clock.GetUtcNow();
        Prune(_states, now);
        foreach (var key in keys)
        {
            var state = _states.AddOrUpdate(key, _ => Next(null, now), (_, s) => Next(s, now));
            if (state.LockedUntil > now)
            {
                var duration = state.LockedUntil - now;
                LogLocked(logger, key, state.Count, (int)Math.Ceiling(duration.TotalSeconds));
                var timer = clock.CreateTimer(_ => LockExpired(key, state.LockedUntil), null, duration, Timeout.InfiniteTimeSpan);
                if (_unlockTimers.TryGetValue(key, out var old))
                {
                    old.Dispose();
                }
                _unlockTimers[key] = timer;
            }
        }
    }

    public void Succeeded(string key)
    {
        if (_states.TryRemove(key, out var s) && s.LockedUntil > clock.GetUtcNow())
        {
            LogUnlocked(logger, key, "success");
        }
        if (_unlockTimers.TryRemove(key, out var timer))
        {
            timer.Dispose();
        }
    }

    /// <summary>A wrong password for this user name from this address: counts for the pair and towards the user's ceiling.</summary>
    public void LoginFailed(string address, string username)
    {
        Failed(LoginKey(address, username));
        var now = clock.GetUtcNow();
        Prune(_users, now);
        var user = _users.AddOrUpdate(username, _ => new State(1, now, DateTimeOffset.MinValue),
            (_, s) => now - s.FirstFailure > Window ? new State(1, now, DateTimeOffset.MinValue) : s with { Count = s.Count + 1 });
        if (user.Count == options.Value.UserCeiling)
        {
            LogSlowed(logger, username, user.Count, options.Value.CeilingDelaySeconds);
        }
    }

    public void LoginSucceeded(string address, string username)
    {
        Succeeded(LoginKey(address, username));
        if (_users.TryRemove(username, out var s) && s.Count >= options.Value.UserCeiling && clock.GetUtcNow() - s.FirstFailure <= Window)
        {
            LogSlowEnded(logger, username);
        }
    }

    /// <summary>How long to hold back a login for this user name: zero below the ceiling of failures from all addresses.</summary>
    public TimeSpan CeilingDelay(string username) =>
        _users.TryGetValue(username, out var s) && s.Count >= options.Value.UserCeiling && clock.GetUtcNow() - s.FirstFailure <= Window
            ? TimeSpan.FromSeconds(options.Value.CeilingDelaySeconds)
            : TimeSpan.Zero;

    private State Next(State? s, DateTimeOffset now)
    {
        var count = s is null || now - s.FirstFailure > Window ? 1 : s.Count + 1;
        var first = count == 1 ? now : s!.FirstFailure;
        var locked = count >= FreeAttempts
            ? now + TimeSpan.FromMinutes(Math.Min(30, Math.Pow(2, count - FreeAttempts)))
            : DateTimeOffset.MinValue;
        return new State(count, first, locked);
    }

    private void LockExpired(string key, DateTimeOffset until)
    {
        if (_states.TryGetValue(key, out var s) && s.LockedUntil == until)
        {
            LogUnlocked(logger, key, "expired");
        }
        if (_unlockTimers.TryGetValue(key, out var timer) && _unlockTimers.TryRemove(new KeyValuePair<string, ITimer>(key, timer)))
        {
            timer.Dispose();
        }
    }

    private static void Prune(ConcurrentDictionary<string, State> states, DateTimeOffset now)
    {
        if (states.Count <= PruneAbove)
        {
            return;
        }
        foreach (var (key, s) in states)
        {
            if (now - s.FirstFailure > Window && s.LockedUntil <= now)
            {
                states.TryRemove(key, out _);
            }
        }
    }

    private sealed record State(int Count, DateTimeOffset FirstFailure, DateTimeOffset LockedUntil);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Locked {Key} after {Failures} failed attempts for {Seconds} s")]
    private static partial void LogLocked(ILogger logger, string key, int failures, int seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unlocked {Key} ({How})")]
    private static partial void LogUnlocked(ILogger logger, string key, string how);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Logins of {UserName} slowed by {DelaySeconds} s: {Failures} failed attempts from all addresses in 15 minutes")]
    private static partial void LogSlowed(ILogger logger, string userName, int failures, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Logins of {UserName} no longer slowed (successful login)")]
    private static partial void LogSlowEnded(ILogger logger, string userName);
}
