using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Simpus.Core.Data;

namespace Simpus.Web.Auth;

/// <summary>The user a live session belongs to, as the database says now (not as the cookie said at login).</summary>
public sealed record SessionUser(long SessionId, long UserId, string Username, string FullName, string Role, string? Poli);

/// <summary>A session the admin sees: who, since when, last request, from where.</summary>
public sealed record ActiveSession(long Id, string Username, string FullName, string Role, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt,
    string Address, string UserAgent, bool Current = false);

/// <summary>A new session: the token goes into the cookie, the id names the session (e.g. for the admin).</summary>
public sealed record StartedSession(string Token, long Id);

/// <summary>Why a session ended (stored in <c>sessions.end_reason</c>).</summary>
public static class EndReason
{
    public const string Logout = "logout";
    public const string Idle = "idle";
    public const string Admin = "admin";
    public const string Deactivated = "deactivated";
    public const string Role = "role";
    public const string Password = "password";
}

/// <summary>
/// Server-side login sessions in the <c>sessions</c> table. The cookie carries a random token; the table keeps its SHA-256.
/// Every request is checked against the table (an answer is trusted for at most <see cref="AuthOptions.SessionCheckSeconds"/>,
/// and changes made through this process are seen at once); <c>last_seen_at</c> is written at most once a minute.
/// </summary>
public sealed partial class SessionStore(Database db, TimeProvider clock, IOptions<AuthOptions> options, ILogger<SessionStore> logger)
{
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan KeepEnded = TimeSpan.FromDays(90);
    private readonly ConcurrentDictionary<string, Cached> _cache = new(StringComparer.Ordinal);

    private TimeSpan IdleTimeout => options.Value.IdleTimeout;

    /// <summary>Starts a session for the user; its token goes into the cookie.</summary>
    public StartedSession Start(long userId, string username, string address, string userAgent)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        var id = db.InTransaction((c, t) =>
        {
            c.Execute("""
                DELETE FROM sessions
                WHERE (ended_at IS NOT NULL AND ended_at < @cut) OR (ended_at IS NULL AND last_seen_at < @cut)
                """, new { cut = DapperSetup.FormatInstant(now - KeepEnded) }, t);
            return c.ExecuteScalar<long>("""
                INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, address, user_agent)
                VALUES (@hash, @userId, @now, @now, @address, @userAgent)
                RETURNING id
                """, new
            {
                hash = Hash(token),
                userId,
                now = DapperSetup.FormatInstant(now),
                address = Limit(address, 64),
                userAgent = Limit(userAgent, 300),
            }, t);
        });
        LogStarted(logger, id, username, address);
        return new StartedSession(token, id);
    }

    /// <summary>The session's user if the session is live (not ended, user active, used within the idle timeout); null otherwise.</summary>
    public SessionUser? Check(string token)
    {
        var hash = Hash(token);
        var now = clock.GetUtcNow();
        var cacheFor = TimeSpan.FromSeconds(options.Value.SessionCheckSeconds);
        if (_cache.TryGetValue(hash, out var cached) && now - cached.CheckedAt < cacheFor && now - cached.LastSeen <= IdleTimeout)
        {
            return cached.User;
        }
        using var c = db.Open();
        var row = c.QuerySingleOrDefault<Row>("""
            SELECT s.id AS SessionId, s.user_id AS UserId, s.last_seen_at AS LastSeenAt, s.ended_at AS EndedAt,
                   u.username AS Username, u.full_name AS FullName, u.role AS Role, u.poli AS Poli, u.active AS Active
            FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.token_hash = @hash
            """, new { hash });
        if (row is null || row.EndedAt is not null)
        {
            _cache.TryRemove(hash, out _);
            return null;
        }
        var lastSeen = DapperSetup.ParseInstant(row.LastSeenAt);
        var reason = !row.Active ? EndReason.Deactivated : now - lastSeen > IdleTimeout ? EndReason.Idle : null;
        if (reason is not null)
        {
            _cache.TryRemove(hash, out _);
            if (c.Execute("UPDATE sessions SET ended_at = @now, end_reason = @reason WHERE id = @SessionId AND ended_at IS NULL",
                    new { now = DapperSetup.FormatInstant(now), reason, row.SessionId }) > 0)
            {
                LogEnded(logger, row.SessionId, row.UserId, reason);
            }
            return null;
        }
        if (now - lastSeen >= TouchEvery)
        {
            c.Execute("UPDATE sessions SET last_seen_at = @now WHERE id = @SessionId", new { now = DapperSetup.FormatInstant(now), row.SessionId });
            lastSeen = now;
        }
        var user = new SessionUser(row.SessionId, row.UserId, row.Username, row.FullName, row.Role, row.Poli);
        _cache[hash] = new Cached(user, now, lastSeen);
        return user;
    }

    /// <summary>Ends the session of this token (logout). False if it was not live.</summary>
    public bool End(string token, string reason)
    {
        var hash = Hash(token);
        _cache.TryRemove(hash, out _);
        var ended = db.InTransaction((c, t) => c.Query<(long Id, long UserId)>("""
            UPDATE sessions SET ended_at = @now, end_reason = @reason
            WHERE token_hash = @hash AND ended_at IS NULL
            RETURNING id, user_id
            """, new { now = DapperSetup.FormatInstant(clock.GetUtcNow()), reason, hash }, t).ToList());
        foreach (var e in ended)
        {
            LogEnded(logger, e.Id, e.UserId, reason);
        }
        return ended.Count > 0;
    }

    /// <summary>Ends a session by its id (the admin's "Akhiri"). False if there is no live session with that id.</summary>
    public bool EndById(long id, string reason)
    {
        var ended = db.InTransaction((c, t) => c.Query<long>("""
            UPDATE sessions SET ended_at = @now, end_reason = @reason
            WHERE id = @id AND ended_at IS NULL
            RETURNING user_id
            """, new { now = DapperSetup.FormatInstant(clock.GetUtcNow()), reason, id }, t).ToList());
        if (ended.Count == 0)
        {
            return false;
        }
        Forget(ended[0]);
        LogEnded(logger, id, ended[0], reason);
        return true;
    }

    /// <summary>
    /// Ends every live session of a user (except <paramref name="keepSessionId"/>) inside the caller's transaction;
    /// call <see cref="Forget"/> after the commit.
    /// </summary>
    public int EndForUser(SqliteConnection c, SqliteTransaction t, long userId, string reason, long? keepSessionId = null)
    {
        var ended = c.Execute("""
            UPDATE sessions SET ended_at = @now, end_reason = @reason
            WHERE user_id = @userId AND ended_at IS NULL AND id IS NOT @keepSessionId
            """, new { now = DapperSetup.FormatInstant(clock.GetUtcNow()), reason, userId, keepSessionId }, t);
        if (ended > 0)
        {
            LogEndedForUser(logger, ended, userId, reason);
        }
        return ended;
    }

    /// <summary>Drops cached answers for the user's sessions, so the next request reads the table.</summary>
    public void Forget(long userId)
    {
        foreach (var (hash, entry) in _cache)
        {
            if (entry.User.UserId == userId)
            {
                _cache.TryRemove(hash, out _);
            }
        }
    }

    /// <summary>Live sessions, most recently used first.</summary>
    public IReadOnlyList<ActiveSession> Active()
    {
        using var c = db.Open();
        return c.Query<ActiveRow>("""
            SELECT s.id AS Id, u.username AS Username, u.full_name AS FullName, u.role AS Role, s.created_at AS CreatedAt,
                   s.last_seen_at AS LastSeenAt, s.address AS Address, s.user_agent AS UserAgent
            FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.ended_at IS NULL AND u.active = 1 AND s.last_seen_at >= @cut
            ORDER BY s.last_seen_at DESC, s.id DESC
            """, new { cut = DapperSetup.FormatInstant(clock.GetUtcNow() - IdleTimeout) })
            .Select(r => new ActiveSession(r.Id, r.Username, r.FullName, r.Role, DapperSetup.ParseInstant(r.CreatedAt),
                DapperSetup.ParseInstant(r.LastSeenAt), r.Address, r.UserAgent))
            .ToList();
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Limit(string value, int max)
    {
        var clean = new string(value.Where(ch => !char.IsControl(ch)).ToArray());
        return clean.Length <= max ? clean : clean[..max];
    }

    private sealed record Cached(SessionUser User, DateTimeOffset CheckedAt, DateTimeOffset LastSeen);

    private sealed class Row
    {
        public long SessionId { get; init; }
        public long UserId { get; init; }
        public string LastSeenAt { get; init; } = "";
        public string? EndedAt { get; init; }
        public string Username { get; init; } = "";
        public string FullName { get; init; } = "";
        public string Role { get; init; } = "";
        public string? Poli { get; init; }
        public bool Active { get; init; }
    }

    private sealed class ActiveRow
    {
        public long Id { get; init; }
        public string Username { get; init; } = "";
        public string FullName { get; init; } = "";
        public string Role { get; init; } = "";
        public string CreatedAt { get; init; } = "";
        public string LastSeenAt { get; init; } = "";
        public string Address { get; init; } = "";
        public string UserAgent { get; init; } = "";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} started for {UserName} from {Address}")]
    private static partial void LogStarted(ILogger logger, long sessionId, string userName, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} of user {UserId} ended: {Reason}")]
    private static partial void LogEnded(ILogger logger, long sessionId, long userId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} session(s) of user {UserId} ended: {Reason}")]
    private static partial void LogEndedForUser(ILogger logger, int count, long userId, string reason);
}
