using System.Collections.Concurrent;
using Dapper;
using Simpus.Core.Common;
using Simpus.Core.Data;

namespace Simpus.Core.AccessLog;

/// <summary>One opening of a patient's clinical record: when, by whom, which patient, which part.</summary>
public sealed record RecordAccess(long Id, DateTimeOffset OpenedAt, string Username, string UserFullName, string Role, string Rm, string PatientName,
    string Part);

/// <summary>A user who opened records in a period, with how many openings and of how many patients.</summary>
public sealed record RecordAccessByUser(string Username, string FullName, string Role, int Openings, int Patients, DateTimeOffset LastOpenedAt);

/// <summary>The parts of the clinical record whose opening is logged.</summary>
public static class RecordPart
{
    public const string History = "riwayat";
    public const string Examination = "pemeriksaan";
    public const string Kia = "kia";
    public const string Corrections = "jejak-koreksi";
    public const string Prescription = "resep";
    public const string Letters = "surat";
}

/// <summary>
/// The log of who opened which patient's clinical record (table <c>record_access</c>). Reads of the same patient by the same
/// user within a minute are one opening (a page reads several parts at once). Only ids are stored; names are joined when
/// the head reads the log.
/// </summary>
public sealed class RecordAccessLog(Database db, TimeProvider clock)
{
    public static readonly TimeSpan SameOpening = TimeSpan.FromMinutes(1);
    public const int MaxRows = 1000;
    private readonly ConcurrentDictionary<(long User, long Patient), DateTimeOffset> _recent = new();

    public long? PatientIdOfRm(string rm)
    {
        using var c = db.Open();
        return c.ExecuteScalar<long?>("SELECT id FROM patients WHERE rm = @rm", new { rm });
    }

    public long? PatientIdOfVisit(long visitId)
    {
        using var c = db.Open();
        return c.ExecuteScalar<long?>("SELECT patient_id FROM visits WHERE id = @visitId", new { visitId });
    }

    /// <summary>Records that the user opened the patient's record (unless the same user opened it within the last minute).</summary>
    public void Opened(long userId, long patientId, string part)
    {
        var now = clock.GetUtcNow();
        var key = (userId, patientId);
        if (_recent.TryGetValue(key, out var last) && now - last < SameOpening)
        {
            return;
        }
        _recent[key] = now;
        if (_recent.Count > 10_000)
        {
            foreach (var (k, at) in _recent)
            {
                if (now - at >= SameOpening)
                {
                    _recent.TryRemove(k, out _);
                }
            }
        }
        db.InTransaction((c, t) => c.Execute(
            "INSERT INTO record_access (opened_at, user_id, patient_id, part) VALUES (@at, @userId, @patientId, @part)",
            new { at = DapperSetup.FormatInstant(now), userId, patientId, part }, t));
    }

    /// <summary>Openings of one patient's record, newest first (at most <see cref="MaxRows"/>).</summary>
    public IReadOnlyList<RecordAccess> ForPatient(string rm, DateTimeOffset from, DateTimeOffset to)
    {
        if (PatientIdOfRm(rm) is not { } patientId)
        {
            throw new NotFoundException("patient.notFound", $"Pasien dengan No. RM {rm} tidak ditemukan.");
        }
        return Query("a.patient_id = @patientId", new { patientId, from = DapperSetup.FormatInstant(from), to = DapperSetup.FormatInstant(to) });
    }

    /// <summary>Openings by one user, newest first (at most <see cref="MaxRows"/>).</summary>
    public IReadOnlyList<RecordAccess> ForUser(string username, DateTimeOffset from, DateTimeOffset to)
    {
        using (var c = db.Open())
        {
            if (c.ExecuteScalar<long?>("SELECT id FROM users WHERE username = @username", new { username }) is null)
            {
                throw new NotFoundException("user.notFound", $"Pengguna '{username}' tidak ditemukan.");
            }
        }
        return Query("u.username = @username", new { username, from = DapperSetup.FormatInstant(from), to = DapperSetup.FormatInstant(to) });
    }

    /// <summary>Per user: how many openings of how many patients in the period, most active first.</summary>
    public IReadOnlyList<RecordAccessByUser> Users(DateTimeOffset from, DateTimeOffset to)
    {
        using var c = db.Open();
        return c.Query<(string Username, string FullName, string Role, int Openings, int Patients, string Last)>("""
            SELECT u.username, u.full_name, u.role, COUNT(*), COUNT(DISTINCT a.patient_id), MAX(a.opened_at)
            FROM record_access a JOIN users u ON u.id = a.user_id
            WHERE a.opened_at >= @from AND a.opened_at < @to
            GROUP BY u.id
            ORDER BY COUNT(*) DESC, u.username
            """, new { from = DapperSetup.FormatInstant(from), to = DapperSetup.FormatInstant(to) })
            .Select(r => new RecordAccessByUser(r.Username, r.FullName, r.Role, r.Openings, r.Patients, DapperSetup.ParseInstant(r.Last)))
            .ToList();
    }

    private List<RecordAccess> Query(string where, object args)
    {
        using var c = db.Open();
        return c.Query<(long Id, string At, string Username, string FullName, string Role, string Rm, string Name, string Part)>($"""
            SELECT a.id, a.opened_at, u.username, u.full_name, u.role, p.rm, p.name, a.part
            FROM record_access a
            JOIN users u ON u.id = a.user_id
            JOIN patients p ON p.id = a.patient_id
            WHERE {where} AND a.opened_at >= @from AND a.opened_at < @to
            ORDER BY a.opened_at DESC, a.id DESC
            LIMIT {MaxRows}
            """, args)
            .Select(r => new RecordAccess(r.Id, DapperSetup.ParseInstant(r.At), r.Username, r.FullName, r.Role, r.Rm, r.Name, r.Part))
            .ToList();
    }
}
