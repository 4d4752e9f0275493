using Dapper;
using Simpus.Core.Data;

namespace Simpus.SatuSehat.Delivery;

public static class SendStatus
{
    /// <summary>Waiting to be sent (new, changed since sent, or retrying after SATUSEHAT could not be reached).</summary>
    public const string Waiting = "menunggu";
    /// <summary>SATUSEHAT accepted the latest version.</summary>
    public const string Sent = "terkirim";
    /// <summary>Not sent: something must be fixed here first (patient or clinician not found, invalid data).</summary>
    public const string Held = "ditahan";
    /// <summary>SATUSEHAT refused it; its OperationOutcome is in the message.</summary>
    public const string Failed = "gagal";

    public static readonly IReadOnlyList<string> All = [Waiting, Sent, Held, Failed];
}

/// <summary>A visit due for sending, with the change number it is built from.</summary>
public sealed record DueVisit(long VisitId, long ChangeSeq, long Attempts);

public enum SendOutcomeKind { Sent, Stopped, Retry }

/// <summary>What happened to one due visit in a pass, written with the others of its batch (<see cref="VisitQueue.Record"/>).</summary>
public sealed record SendOutcome(DueVisit Due, SendOutcomeKind Kind, IReadOnlyList<(string LocalKey, string Type, string Id)>? Ids,
    string? Status, string? Reason, string? Message)
{
    public static SendOutcome Sent(DueVisit due, IReadOnlyList<(string LocalKey, string Type, string Id)> ids) =>
        new(due, SendOutcomeKind.Sent, ids, SendStatus.Sent, null, null);

    public static SendOutcome Stopped(DueVisit due, string status, string reason, string message) =>
        new(due, SendOutcomeKind.Stopped, null, status, reason, message);

    public static SendOutcome Retry(DueVisit due, string message) => new(due, SendOutcomeKind.Retry, null, null, "retry", message);
}

public sealed record VisitSendState
{
    public long VisitId { get; init; }
    public required string Status { get; init; }
    public bool Pending { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset FinishedAt { get; init; }
    public DateTimeOffset? LastAttemptAt { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public string? Reason { get; init; }
    public string? Message { get; init; }
    public string? EncounterId { get; init; }
}

/// <summary>
/// The SATUSEHAT outbox in the clinic database: one row per finished visit (created and re-armed by triggers, see
/// <c>db/clinic/0035_satusehat.sql</c>), drained in order of finishing; every outcome is written in one transaction,
/// so a restart resumes exactly where it stopped.
/// </summary>
public sealed class VisitQueue(Database db, TimeProvider clock)
{
    private const string StateColumns = """
        s.visit_id AS VisitId, s.status, s.pending, s.attempts, s.finished_at AS FinishedAt, s.last_attempt_at AS LastAttemptAt,
        s.sent_at AS SentAt, s.reason, s.message,
        (SELECT resource_id FROM satusehat_resources r WHERE r.visit_id = s.visit_id AND r.local_key = 'encounter') AS EncounterId
        """;

    /// <summary>Pending visits in the order they were finished, leaving out <paramref name="exclude"/> (a batch being sent).</summary>
    public IReadOnlyList<DueVisit> Due(int limit, IReadOnlyCollection<long>? exclude = null)
    {
        using var c = db.Open();
        return c.Query<DueVisit>("""
            SELECT visit_id AS VisitId, change_seq AS ChangeSeq, attempts FROM satusehat_visits
            WHERE pending = 1 AND visit_id NOT IN (SELECT value FROM json_each(@exclude))
            ORDER BY finished_at, visit_id LIMIT @limit
            """, new { limit, exclude = System.Text.Json.JsonSerializer.Serialize(exclude ?? []) }).ToList();
    }

    public int PendingCount()
    {
        using var c = db.Open();
        return c.ExecuteScalar<int>("SELECT COUNT(*) FROM satusehat_visits WHERE pending = 1");
    }

    /// <summary>SATUSEHAT's ids of the visit's resources, by local key.</summary>
    public Dictionary<string, string> KnownIds(long visitId)
    {
        using var c = db.Open();
        return c.Query<(string Key, string Id)>("SELECT local_key, resource_id FROM satusehat_resources WHERE visit_id = @visitId", new { visitId })
            .ToDictionary(r => r.Key, r => r.Id, StringComparer.Ordinal);
    }

    /// <summary>
    /// The outcomes of a batch written in one transaction (one disk flush for the batch instead of one per visit): accepted keeps
    /// the ids SATUSEHAT gave and is terkirim unless the record changed meanwhile; held (ditahan) or refused (gagal) stays so until
    /// fixed, resent or changed; retry stays menunggu with the reason. A crash before
    /// it leaves those visits pending: they are sent again and SATUSEHAT matches them by identifier (<c>ifNoneExist</c>, PUT by id),
    /// so nothing is duplicated.
    /// </summary>
    public void Record(IReadOnlyList<SendOutcome> outcomes)
    {
        if (outcomes.Count == 0)
        {
            return;
        }
        var now = clock.GetUtcNow();
        db.InTransaction((c, t) =>
        {
            foreach (var o in outcomes)
            {
                var due = o.Due;
                switch (o.Kind)
                {
                    case SendOutcomeKind.Sent:
                        foreach (var (key, type, id) in o.Ids!)
                        {
                            c.Execute("""
                                INSERT INTO satusehat_resources (visit_id, local_key, resource_type, resource_id) VALUES (@VisitId, @key, @type, @id)
                                ON CONFLICT (visit_id, local_key) DO UPDATE SET resource_type = excluded.resource_type, resource_id = excluded.resource_id
                                """, new { due.VisitId, key, type, id }, t);
                        }
                        c.Execute("""
                            UPDATE satusehat_visits SET
                                status = CASE WHEN change_seq = @ChangeSeq THEN 'terkirim' ELSE 'menunggu' END,
                                pending = CASE WHEN change_seq = @ChangeSeq THEN 0 ELSE 1 END,
                                sent_seq = @ChangeSeq, sent_at = @now, attempts = attempts + 1, last_attempt_at = @now, reason = NULL, message = NULL,
                                updated_at = @now
                            WHERE visit_id = @VisitId
                            """, new { due.VisitId, due.ChangeSeq, now }, t);
                        break;
                    case SendOutcomeKind.Stopped:
                        c.Execute("""
                            UPDATE satusehat_visits SET
                                status = CASE WHEN change_seq = @ChangeSeq THEN @status ELSE 'menunggu' END,
                                pending = CASE WHEN change_seq = @ChangeSeq THEN 0 ELSE 1 END,
                                attempts = attempts + @attempt, last_attempt_at = CASE WHEN @attempt = 1 THEN @now ELSE last_attempt_at END,
                                reason = @reason, message = @message, updated_at = @now
                            WHERE visit_id = @VisitId
                            """, new { due.VisitId, due.ChangeSeq, status = o.Status, reason = o.Reason, message = Limit(o.Message!),
                            attempt = o.Status == SendStatus.Failed ? 1 : 0, now }, t);
                        break;
                    default:
                        c.Execute("""
                            UPDATE satusehat_visits SET attempts = attempts + 1, last_attempt_at = @now, reason = 'retry', message = @message, updated_at = @now
                            WHERE visit_id = @VisitId
                            """, new { due.VisitId, message = Limit(o.Message!), now }, t);
                        break;
                }
            }
        });
    }

    /// <summary>Sends again: one visit, or every held/failed one (optionally only of one status).</summary>
    public int Resend(long? visitId, string? status)
    {
        var now = clock.GetUtcNow();
        return db.InTransaction((c, t) => c.Execute("""
            UPDATE satusehat_visits SET pending = 1, status = 'menunggu', updated_at = @now
            WHERE (@visitId IS NULL OR visit_id = @visitId)
              AND (@visitId IS NOT NULL OR status IN ('ditahan', 'gagal'))
              AND (@status IS NULL OR status = @status)
            """, new { visitId, status, now }, t));
    }

    /// <summary>Visits held for one reason (e.g. a clinician's NIK was fixed): send again.</summary>
    public int ResendHeld(string reason, string? username = null)
    {
        var now = clock.GetUtcNow();
        return db.InTransaction((c, t) => c.Execute("""
            UPDATE satusehat_visits SET pending = 1, status = 'menunggu', updated_at = @now
            WHERE status = 'ditahan' AND reason = @reason
              AND (@username IS NULL OR visit_id IN (SELECT visit_id FROM examinations WHERE clinician = @username))
            """, new { reason, username, now }, t));
    }

    public VisitSendState? Get(long visitId)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<VisitSendState>($"SELECT {StateColumns} FROM satusehat_visits s WHERE s.visit_id = @visitId", new { visitId });
    }

    /// <summary>The SATUSEHAT state of the visits of a poli on a day (for the worklist).</summary>
    public IReadOnlyList<VisitSendState> ForDay(string date, string? poli)
    {
        using var c = db.Open();
        return c.Query<VisitSendState>($"""
            SELECT {StateColumns} FROM satusehat_visits s JOIN visits v ON v.id = s.visit_id
            WHERE v.visit_date = @date AND (@poli IS NULL OR v.poli = @poli) ORDER BY s.visit_id
            """, new { date, poli }).ToList();
    }

    /// <summary>Visits that need someone: held or failed, newest first; optionally those waiting too.</summary>
    public IReadOnlyList<VisitSendState> NeedingAttention(string? status, int limit)
    {
        using var c = db.Open();
        return c.Query<VisitSendState>($"""
            SELECT {StateColumns} FROM satusehat_visits s
            WHERE (@status IS NULL AND s.status IN ('ditahan', 'gagal')) OR s.status = @status
            ORDER BY s.finished_at DESC, s.visit_id DESC LIMIT @limit
            """, new { status, limit }).ToList();
    }

    public IReadOnlyDictionary<string, int> Counts()
    {
        using var c = db.Open();
        var counts = c.Query<(string Status, int Count)>("SELECT status, COUNT(*) FROM satusehat_visits GROUP BY status")
            .ToDictionary(r => r.Status, r => r.Count);
        return SendStatus.All.ToDictionary(s => s, s => counts.GetValueOrDefault(s));
    }

    private static string Limit(string message) => message.Length <= 4000 ? message : message[..3997] + "…";
}
