using Dapper;
using Simpus.Core.Common;
using Simpus.Core.Data;
using Simpus.Core.Settings;
using Simpus.Core.Visits;

namespace Simpus.Core.Queue;

/// <summary>A call of a patient to the poli, as the waiting-room screen shows and speaks it (no patient name).</summary>
public sealed record QueueCall(long Id, long VisitId, string Poli, string PoliName, string QueueLabel, int QueueNumber,
    DateTimeOffset CalledAt, bool Repeated, string Announcement);

/// <summary>What the queue ticket carries: poli, number with its letter, date and time, how many wait before you.</summary>
public sealed record QueueTicket(long VisitId, string PuskesmasName, string Poli, string PoliName, string QueueLabel, int QueueNumber,
    DateOnly VisitDate, DateTimeOffset ArrivedAt, string TimeZone, int WaitingBefore, string Status);

/// <summary>Per poli on the waiting-room board: the number being served, the next numbers, counts (labels carry the poli's letter).</summary>
public sealed record PoliQueue(string Poli, string Name, string ShortName, string Letter, int? Serving, string? ServingLabel, int Waiting,
    IReadOnlyList<int> Next, IReadOnlyList<string> NextLabels, int Finished);

/// <summary>The waiting room: the board per poli, calls to the poli (and repeated calls), queue tickets.</summary>
public sealed class QueueService(Database db, VisitService visits, SettingsStore settings, TimeProvider clock)
{
    public const int MaxCalls = 20;

    public DateOnly Today() => TimeZones.LocalDate(clock.GetUtcNow(), settings.Get().TimeZone);

    public IReadOnlyList<PoliQueue> Board(DateOnly day)
    {
        var all = visits.List(day, null);
        return settings.ListPoli().Select(p =>
        {
            var mine = all.Where(v => v.Poli == p.Code).ToList();
            var serving = mine.Where(v => v.Status == VisitStatuses.InProgress).OrderByDescending(v => v.StartedAt).FirstOrDefault();
            var waiting = mine.Where(v => v.Status == VisitStatuses.Arrived).OrderBy(v => v.QueueNumber).ToList();
            return new PoliQueue(p.Code, p.Name, p.ShortName ?? p.Name, p.Letter ?? "", serving?.QueueNumber, serving?.QueueLabel, waiting.Count,
                waiting.Take(5).Select(v => v.QueueNumber).ToList(), waiting.Take(5).Select(v => v.QueueLabel ?? "").ToList(),
                mine.Count(v => v.Status == VisitStatuses.Finished));
        }).ToList();
    }

    /// <summary>Today's calls after <paramref name="after"/> (oldest first); without it, only the latest call of today.</summary>
    public IReadOnlyList<QueueCall> Calls(long? after)
    {
        var today = Today();
        using var c = db.Open();
        var rows = c.Query<CallRow>("""
            SELECT q.id, q.visit_id AS VisitId, v.poli, COALESCE(po.name, v.poli) AS PoliName,
                   COALESCE(po.letter, upper(substr(v.poli, 1, 1))) AS Letter, v.queue_number AS QueueNumber,
                   q.called_at AS CalledAt, q.repeated
            FROM queue_calls q JOIN visits v ON v.id = q.visit_id LEFT JOIN poli po ON po.code = v.poli
            WHERE v.visit_date = @today AND (@after IS NULL OR q.id > @after)
            ORDER BY q.id DESC LIMIT @limit
            """, new { today, after, limit = after is null ? 1 : MaxCalls }).ToList();
        rows.Reverse();
        return rows.Select(r => new QueueCall(r.Id, r.VisitId, r.Poli, r.PoliName, Label(r.Letter, r.QueueNumber), r.QueueNumber, r.CalledAt,
            r.Repeated, Announcement(r.Letter, r.QueueNumber, r.PoliName))).ToList();
    }

    /// <summary>Calls the patient of an in-progress visit of today again ("Panggil ulang").</summary>
    public QueueCall Repeat(long visitId, string user)
    {
        var visit = visits.GetRequired(visitId);
        if (visit.Status != VisitStatuses.InProgress)
        {
            throw new ConflictException("visit.notCalled", "Hanya pasien yang sudah dipanggil (sedang dilayani) yang dapat dipanggil ulang.",
                new Dictionary<string, object?> { ["currentStatus"] = visit.Status });
        }
        if (visit.VisitDate != Today())
        {
            throw new ConflictException("visit.notToday", "Hanya kunjungan hari ini yang dapat dipanggil ulang.");
        }
        var now = clock.GetUtcNow();
        var id = db.InTransaction((c, t) => c.ExecuteScalar<long>(
            "INSERT INTO queue_calls (visit_id, called_at, called_by, repeated) VALUES (@visitId, @now, @user, 1) RETURNING id",
            new { visitId, now, user }, t));
        return Calls(id - 1).First(call => call.Id == id);
    }

    public QueueTicket Ticket(long visitId)
    {
        var visit = visits.GetRequired(visitId);
        var s = settings.Get();
        using var c = db.Open();
        var before = c.ExecuteScalar<int>("""
            SELECT COUNT(*) FROM visits
            WHERE visit_date = @VisitDate AND poli = @Poli AND status = 'arrived' AND queue_number < @QueueNumber
            """, new { visit.VisitDate, visit.Poli, visit.QueueNumber });
        return new QueueTicket(visit.Id, s.Name, visit.Poli, visit.PoliName ?? visit.Poli, visit.QueueLabel ?? visit.QueueNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
            visit.QueueNumber, visit.VisitDate, visit.ArrivedAt, s.TimeZone, visit.Status == VisitStatuses.Arrived ? before : 0, visit.Status);
    }

    public static string Label(string letter, int number) =>
        letter + "-" + number.ToString("000", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"Nomor antrean U lima belas, silakan ke Poli Umum" (letters spelled one by one).</summary>
    public static string Announcement(string letter, int number, string poliName) =>
        $"Nomor antrean {string.Join(' ', letter.ToCharArray())} {NumberWords.Indonesian(number)}, silakan ke {poliName}";

    private sealed class CallRow
    {
        public long Id { get; set; }
        public long VisitId { get; set; }
        public string Poli { get; set; } = "";
        public string PoliName { get; set; } = "";
        public string Letter { get; set; } = "";
        public int QueueNumber { get; set; }
        public DateTimeOffset CalledAt { get; set; }
        public bool Repeated { get; set; }
    }
}
