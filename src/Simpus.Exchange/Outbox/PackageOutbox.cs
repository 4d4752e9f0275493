using System.Text;
using Dapper;
using Simpus.Core.Common;
using Simpus.Core.Data;

namespace Simpus.Exchange.Outbox;

public sealed record IssuedPackage
{
    public long Id { get; init; }
    public required string Period { get; init; }
    public int Revision { get; init; }
    public required string ValuesHash { get; init; }
    public required string File { get; init; }
    public DateTimeOffset GeneratedAt { get; init; }
    public required string GeneratedBy { get; init; }
}

public sealed record OutboxEntry
{
    public long Id { get; init; }
    public long PackageId { get; init; }
    public required string Period { get; init; }
    public int Revision { get; init; }
    public required string Status { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset NextAttemptAt { get; init; }
    public DateTimeOffset? LastAttemptAt { get; init; }
    public string? LastError { get; init; }
    public string? Response { get; init; }
    public DateTimeOffset QueuedAt { get; init; }
    public required string QueuedBy { get; init; }
    public DateTimeOffset? AcceptedAt { get; init; }
}

public static class OutboxStatus
{
    public const string Queued = "queued";
    public const string Accepted = "accepted";
    public const string Refused = "refused";
    public const string Superseded = "superseded";
}

/// <summary>
/// The clinic's side of the exchange: issues numbered revisions of a month's package (a new revision only when the
/// values changed since the last one) and keeps the outbox the background sender works through.
/// </summary>
public sealed class PackageOutbox(Database db, TimeProvider clock)
{
    private const string EntryColumns = """
        o.id, o.package_id AS PackageId, p.period, p.revision, o.status, o.attempts, o.next_attempt_at AS NextAttemptAt,
        o.last_attempt_at AS LastAttemptAt, o.last_error AS LastError, o.response, o.queued_at AS QueuedAt, o.queued_by AS QueuedBy,
        o.accepted_at AS AcceptedAt
        """;

    /// <summary>
    /// The package for the month signed with <paramref name="key"/>: the latest revision if the values are unchanged,
    /// otherwise a new revision (previous number + 1). The puskesmas code/name are taken as given.
    /// </summary>
    public (IssuedPackage Issued, byte[] File) Issue(MonthPeriod period, string puskesmasCode, string puskesmasName,
        IReadOnlyList<PackageValue> values, string key, string user, IReadOnlyList<PackageDrug>? drugs = null)
    {
        drugs ??= [];
        var hash = PackageCodec.ValuesHash(values, drugs);
        var now = clock.GetUtcNow();
        var issued = db.InTransaction((c, t) =>
        {
            var latest = c.QuerySingleOrDefault<IssuedPackage>($"""
                SELECT id, period, revision, values_hash AS ValuesHash, file, generated_at AS GeneratedAt, generated_by AS GeneratedBy
                FROM exchange_packages WHERE period = @p ORDER BY revision DESC LIMIT 1
                """, new { p = period.ToString() }, t);
            if (latest is not null && latest.ValuesHash == hash)
            {
                var previous = PackageCodec.Parse(Encoding.UTF8.GetBytes(latest.File)).Package;
                if (previous.PuskesmasCode == puskesmasCode && previous.PuskesmasName == puskesmasName
                    && previous.SchemaVersion == MonthlyPackage.CurrentSchemaVersion)
                {
                    return latest;
                }
            }
            var package = new MonthlyPackage
            {
                PuskesmasCode = puskesmasCode,
                PuskesmasName = puskesmasName,
                Period = period,
                Revision = (latest?.Revision ?? 0) + 1,
                GeneratedAt = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds()),
                Values = values,
                Drugs = drugs,
            };
            var file = Encoding.UTF8.GetString(PackageCodec.Write(package, key));
            var id = c.ExecuteScalar<long>("""
                INSERT INTO exchange_packages (period, revision, values_hash, file, generated_at, generated_by)
                VALUES (@period, @Revision, @hash, @file, @GeneratedAt, @user) RETURNING id
                """, new { period = period.ToString(), package.Revision, hash, file, package.GeneratedAt, user }, t);
            return new IssuedPackage
            {
                Id = id, Period = period.ToString(), Revision = package.Revision, ValuesHash = hash, File = file,
                GeneratedAt = package.GeneratedAt, GeneratedBy = user,
            };
        });
        return (issued, Resign(issued.File, key));
    }

    /// <summary>Queues the package for sending. Sending the same revision twice does nothing; older queued revisions of the month are superseded.</summary>
    public OutboxEntry Queue(IssuedPackage package, string user)
    {
        var now = clock.GetUtcNow();
        var id = db.InTransaction((c, t) =>
        {
            var existing = c.QuerySingleOrDefault<long?>(
                "SELECT id FROM outbox WHERE package_id = @Id AND status IN ('queued', 'accepted') ORDER BY id DESC LIMIT 1", new { package.Id }, t);
            if (existing is { } e)
            {
                return e;
            }
            c.Execute("""
                UPDATE outbox SET status = 'superseded'
                WHERE status IN ('queued', 'refused') AND package_id IN (SELECT id FROM exchange_packages WHERE period = @Period)
                """, new { package.Period }, t);
            return c.ExecuteScalar<long>("""
                INSERT INTO outbox (package_id, status, attempts, next_attempt_at, queued_at, queued_by)
                VALUES (@Id, 'queued', 0, @now, @now, @user) RETURNING id
                """, new { package.Id, now, user }, t);
        });
        return Get(id)!;
    }

    public OutboxEntry? Get(long id)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<OutboxEntry>(
            $"SELECT {EntryColumns} FROM outbox o JOIN exchange_packages p ON p.id = o.package_id WHERE o.id = @id", new { id });
    }

    public IReadOnlyList<OutboxEntry> List(int limit = 50)
    {
        using var c = db.Open();
        return c.Query<OutboxEntry>(
            $"SELECT {EntryColumns} FROM outbox o JOIN exchange_packages p ON p.id = o.package_id ORDER BY o.id DESC LIMIT @limit", new { limit }).ToList();
    }

    /// <summary>Queued entries whose next attempt is due, oldest first.</summary>
    public IReadOnlyList<OutboxEntry> Due(int limit = 20)
    {
        using var c = db.Open();
        return c.Query<OutboxEntry>($"""
            SELECT {EntryColumns} FROM outbox o JOIN exchange_packages p ON p.id = o.package_id
            WHERE o.status = 'queued' AND o.next_attempt_at <= @now ORDER BY o.next_attempt_at, o.id LIMIT @limit
            """, new { now = clock.GetUtcNow(), limit }).ToList();
    }

    /// <summary>When the earliest queued entry is due, or null if nothing is queued.</summary>
    public DateTimeOffset? NextDue()
    {
        using var c = db.Open();
        var text = c.ExecuteScalar<string?>("SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'queued'");
        return text is null ? null : DapperSetup.ParseInstant(text);
    }

    /// <summary>The stored package file of an entry, re-signed with the current key.</summary>
    public byte[] FileFor(OutboxEntry entry, string key)
    {
        using var c = db.Open();
        var file = c.ExecuteScalar<string>("SELECT file FROM exchange_packages WHERE id = @PackageId", new { entry.PackageId });
        return Resign(file!, key);
    }

    public void MarkAccepted(long id, string response)
    {
        var now = clock.GetUtcNow();
        db.InTransaction((c, t) => c.Execute("""
            UPDATE outbox SET status = 'accepted', attempts = attempts + 1, last_attempt_at = @now, accepted_at = @now,
                              response = @response, last_error = NULL
            WHERE id = @id AND status = 'queued'
            """, new { id, now, response }, t));
    }

    public void MarkRefused(long id, string reason)
    {
        var now = clock.GetUtcNow();
        db.InTransaction((c, t) => c.Execute("""
            UPDATE outbox SET status = 'refused', attempts = attempts + 1, last_attempt_at = @now, last_error = @reason
            WHERE id = @id AND status = 'queued'
            """, new { id, now, reason }, t));
    }

    public void MarkFailed(long id, string error, DateTimeOffset nextAttemptAt)
    {
        var now = clock.GetUtcNow();
        db.InTransaction((c, t) => c.Execute("""
            UPDATE outbox SET attempts = attempts + 1, last_attempt_at = @now, last_error = @error, next_attempt_at = @nextAttemptAt
            WHERE id = @id AND status = 'queued'
            """, new { id, now, error, nextAttemptAt }, t));
    }

    /// <summary>After the district URL or key changed: refused entries (e.g. wrong key) and waiting ones are tried again now.</summary>
    public int RetryNow()
    {
        var now = clock.GetUtcNow();
        return db.InTransaction((c, t) => c.Execute("""
            UPDATE outbox SET status = 'queued', next_attempt_at = @now
            WHERE status = 'queued' OR (status = 'refused' AND id IN (
                SELECT MAX(o.id) FROM outbox o JOIN exchange_packages p ON p.id = o.package_id GROUP BY p.period))
            """, new { now }, t));
    }

    /// <summary>Exponential backoff: base × 2^(attempts), at most <paramref name="max"/>, with ±20 % jitter.</summary>
    public static TimeSpan Backoff(int attempts, TimeSpan @base, TimeSpan max)
    {
        var factor = Math.Pow(2, Math.Min(attempts, 30));
        var delay = Math.Min(@base.TotalMilliseconds * factor, max.TotalMilliseconds);
        var jitter = 0.8 + Random.Shared.NextDouble() * 0.4;
        return TimeSpan.FromMilliseconds(Math.Max(1, delay * jitter));
    }

    private static byte[] Resign(string file, string key) =>
        PackageCodec.Write(PackageCodec.Parse(Encoding.UTF8.GetBytes(file)).Package, key);
}
