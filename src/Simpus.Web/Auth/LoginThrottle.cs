using System.Collections.Concurrent;

namespace Simpus.Web.Auth;

/// <summary>
/// Rate-limits failed logins per user name and per client address: after 5 failures within 15 minutes the key is
/// locked, for 1 minute and doubling with each further failure (at most 30 minutes). A success clears the user name.
/// </summary>
public sealed class LoginThrottle(TimeProvider clock)
{
    public const int FreeAttempts = 5;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private readonly ConcurrentDictionary<string, State> _states = new(StringComparer.OrdinalIgnoreCase);

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
        foreach (var key in keys)
        {
            _states.AddOrUpdate(key, _ => new State(1, now, DateTimeOffset.MinValue), (_, s) =>
            {
                var count = now - s.FirstFailure > Window ? 1 : s.Count + 1;
                var first = count == 1 ? now : s.FirstFailure;
                var locked = count >= FreeAttempts
                    ? now + TimeSpan.FromMinutes(Math.Min(30, Math.Pow(2, count - FreeAttempts)))
                    : DateTimeOffset.MinValue;
                return new State(count, first, locked);
            });
        }
    }

    public void Succeeded(string key) => _states.TryRemove(key, out _);

    private sealed record State(int Count, DateTimeOffset FirstFailure, DateTimeOffset LockedUntil);
}
