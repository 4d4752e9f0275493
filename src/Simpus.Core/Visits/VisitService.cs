using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Simpus.Core.Common;
using Simpus.Core.Data;
using Simpus.Core.Patients;
using Simpus.Core.Settings;

namespace Simpus.Core.Visits;

/// <summary>Registers visits with their queue number and moves them through their statuses.</summary>
public sealed class VisitService(Database db, PatientService patients, SettingsStore settings, TimeProvider clock)
{
    /// <summary>
    /// A visit with its patient, poli and payer names, and baru/lama from the view <c>visit_types</c> (db/clinic/0055): derived,
    /// not stored, so a paper visit entered afterwards with an earlier time re-classifies the visits after it.
    /// </summary>
    internal const string SelectVisit = """
        SELECT v.id, p.rm, p.name AS PatientName, p.sex, p.birth_date AS BirthDate, v.poli,
               po.name AS PoliName, COALESCE(po.short_name, po.name) AS PoliShortName, v.payer, pa.name AS PayerName, v.complaint,
               v.visit_date AS VisitDate, v.queue_number AS QueueNumber,
               COALESCE(po.letter, upper(substr(v.poli, 1, 1))) || '-' || printf('%03d', v.queue_number) AS QueueLabel, v.status,
               t.visit_type AS VisitType,
               v.arrived_at AS ArrivedAt, v.started_at AS StartedAt, v.finished_at AS FinishedAt, v.cancelled_at AS CancelledAt,
               v.cancel_reason AS CancelReason, v.back_entered AS BackEntered, v.created_by AS CreatedBy
        FROM visits v JOIN patients p ON p.id = v.patient_id
        JOIN visit_types t ON t.visit_id = v.id
        LEFT JOIN poli po ON po.code = v.poli
        LEFT JOIN payers pa ON pa.code = v.payer
        """;

    public Visit Register(VisitInput input, string user)
    {
        var v = new Validation();
        var rm = Text.Clean(input.Rm);
        var poli = Text.Clean(input.Poli)?.ToLowerInvariant();
        var payerText = Text.Clean(input.Payer)?.ToLowerInvariant();
        if (rm is null)
        {
            v.Add("rm", "rm.required", "No. RM pasien wajib diisi.");
        }
        if (poli is null || !settings.PoliExists(poli))
        {
            v.Add("poli", "poli.unknown", poli is null ? "Poli tujuan wajib dipilih." : $"Poli '{poli}' tidak dikenal atau tidak aktif.");
        }
        if (payerText is not null && !settings.PayerExists(payerText))
        {
            v.Add("payer", "payer.unknown", "Jenis pembayaran tidak dikenal (umum, bpjs-pbi, bpjs-non-pbi, jamkesda, gratis).");
        }
        var complaint = Text.Clean(input.Complaint);
        if (complaint is { Length: > 500 })
        {
            v.Add("complaint", "complaint.tooLong", "Keluhan paling panjang 500 karakter.");
        }
        var now = clock.GetUtcNow();
        var arrivedAt = now;
        var backEntered = false;
        if (Text.Clean(input.ArrivedAt) is { } arrivedText)
        {
            if (ParseInstant(arrivedText) is not { } parsed)
            {
                v.Add("arrivedAt", "arrivedAt.format", "Waktu datang harus tanggal dan jam ISO 8601, contoh 2026-11-23T08:15:00+07:00.");
            }
            else if (parsed > now.AddMinutes(1))
            {
                v.Add("arrivedAt", "arrivedAt.future", "Waktu datang tidak boleh di masa depan.");
            }
            else if (parsed < now.AddDays(-400))
            {
                v.Add("arrivedAt", "arrivedAt.tooOld", "Waktu datang lebih dari 400 hari yang lalu.");
            }
            else
            {
                arrivedAt = parsed;
                backEntered = now - parsed > TimeSpan.FromMinutes(5);
            }
        }
        Patients.Patient? patient = null;
        if (rm is not null)
        {
            patient = patients.Get(rm);
            if (patient is null)
            {
                v.Add("rm", "patient.notFound", $"Pasien dengan No. RM {rm} tidak ditemukan.");
            }
            else if (patient.Voided)
            {
                v.Add("rm", "patient.voided", $"Data pasien {rm} sudah dibatalkan.");
            }
            else if (DateOnly.FromDateTime(arrivedAt.UtcDateTime) < patient.BirthDate.AddDays(-1))
            {
                v.Add("arrivedAt", "arrivedAt.beforeBirth", "Waktu datang sebelum tanggal lahir pasien.");
            }
        }
        v.ThrowIfAny();

        var payer = payerText ?? patient!.DefaultPayer;
        var visitDate = TimeZones.LocalDate(arrivedAt, settings.Get().TimeZone);
        var patientId = patients.IdOf(patient!.Rm);
        long id;
        try
        {
            id = db.InTransaction((c, t) =>
            {
                var queue = c.ExecuteScalar<int>(
                    "SELECT COALESCE(MAX(queue_number), 0) + 1 FROM visits WHERE visit_date = @visitDate AND poli = @poli",
                    new { visitDate, poli }, t);
                var visitId = c.ExecuteScalar<long>("""
                    INSERT INTO visits (patient_id, poli, payer, complaint, visit_date, queue_number, status, arrived_at, back_entered, created_at, created_by)
                    VALUES (@patientId, @poli, @payer, @complaint, @visitDate, @queue, 'arrived', @arrivedAt, @backEntered, @now, @user)
                    RETURNING id
                    """, new { patientId, poli, payer, complaint, visitDate, queue, arrivedAt, backEntered, now, user }, t);
                c.Execute("""
                    INSERT INTO visit_status_history (visit_id, status, at, changed_by, recorded_at)
                    VALUES (@visitId, 'arrived', @arrivedAt, @user, @now)
                    """, new { visitId, arrivedAt, user, now }, t);
                return visitId;
            });
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19 && e.Message.Contains("visits.patient_id", StringComparison.Ordinal))
        {
            throw new ConflictException("visit.alreadyOpen",
                $"Pasien {patient.Rm} sudah terdaftar dan belum selesai di poli ini pada tanggal {visitDate:dd-MM-yyyy}.");
        }
        return GetRequired(id);
    }

    public Visit? Get(long id)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<Visit>(SelectVisit + " WHERE v.id = @id", new { id });
    }

    public Visit GetRequired(long id) =>
        Get(id) ?? throw new NotFoundException("visit.notFound", $"Kunjungan {id} tidak ditemukan.");

    /// <summary>Visits of one local date, optionally one poli, in queue order.</summary>
    public IReadOnlyList<Visit> List(DateOnly date, string? poli, string? status = null)
    {
        using var c = db.Open();
        return c.Query<Visit>(SelectVisit + """
             WHERE v.visit_date = @date AND (@poli IS NULL OR v.poli = @poli) AND (@status IS NULL OR v.status = @status)
             ORDER BY v.poli, v.queue_number
            """, new { date, poli, status }).ToList();
    }

    public IReadOnlyList<Visit> ForPatient(string rm)
    {
        var patient = patients.GetRequired(rm);
        using var c = db.Open();
        return c.Query<Visit>(SelectVisit + " WHERE p.rm = @Rm ORDER BY v.arrived_at DESC, v.id DESC", new { patient.Rm }).ToList();
    }

    public IReadOnlyList<VisitStatusChange> StatusHistory(long id)
    {
        GetRequired(id);
        using var c = db.Open();
        return c.Query<VisitStatusChange>(
            "SELECT status, at, changed_by AS ChangedBy, recorded_at AS RecordedAt FROM visit_status_history WHERE visit_id = @id ORDER BY id",
            new { id }).ToList();
    }

    /// <summary>Moves a visit to its next status with a timestamp (now, or the real time for back-entered changes).</summary>
    public Visit ChangeStatus(long id, StatusInput input, string user)
    {
        var visit = GetRequired(id);
        var v = new Validation();
        var status = Text.Clean(input.Status)?.ToLowerInvariant();
        if (status is null || !VisitStatuses.All.Contains(status))
        {
            v.Add("status", "status.invalid", "Status harus arrived, in-progress, finished atau cancelled.");
        }
        var now = clock.GetUtcNow();
        var at = now;
        if (Text.Clean(input.At) is { } atText)
        {
            if (ParseInstant(atText) is not { } parsed)
            {
                v.Add("at", "at.format", "Waktu harus tanggal dan jam ISO 8601, contoh 2026-11-23T08:45:00+07:00.");
            }
            else if (parsed > now.AddMinutes(1))
            {
                v.Add("at", "at.future", "Waktu perubahan status tidak boleh di masa depan.");
            }
            else
            {
                at = parsed;
            }
        }
        var reason = Text.Clean(input.Reason);
        if (status == VisitStatuses.Cancelled && reason is null)
        {
            v.Add("reason", "reason.required", "Alasan pembatalan kunjungan wajib diisi.");
        }
        v.ThrowIfAny();
        if (!VisitStatuses.CanMove(visit.Status, status!))
        {
            throw new ConflictException("visit.statusTransition",
                $"Status kunjungan tidak dapat diubah dari {visit.Status} ke {status}.",
                new Dictionary<string, object?> { ["currentStatus"] = visit.Status });
        }
        var previous = visit.StartedAt ?? visit.ArrivedAt;
        if (at < previous)
        {
            throw ValidationFailedException.For("at", "at.beforePrevious", "Waktu perubahan status tidak boleh sebelum status sebelumnya.");
        }
        db.InTransaction((c, t) =>
        {
            var column = status switch
            {
                VisitStatuses.InProgress => "started_at",
                VisitStatuses.Finished => "finished_at",
                _ => "cancelled_at",
            };
            var changed = c.Execute($"""
                UPDATE visits SET status = @status, {column} = @at, cancel_reason = COALESCE(@cancelReason, cancel_reason)
                WHERE id = @id AND status = @from
                """, new { status, at, id, from = visit.Status, cancelReason = status == VisitStatuses.Cancelled ? reason : null }, t);
            if (changed != 1)
            {
                throw new ConflictException("visit.changedMeanwhile", "Kunjungan ini baru saja diubah oleh pengguna lain; muat ulang.");
            }
            c.Execute("""
                INSERT INTO visit_status_history (visit_id, status, at, changed_by, recorded_at)
                VALUES (@id, @status, @at, @user, @now)
                """, new { id, status, at, user, now }, t);
            if (status == VisitStatuses.InProgress && Text.Clean(input.At) is null)
            {
                // Calling the patient in: the waiting-room screen shows and speaks the number.
                c.Execute("INSERT INTO queue_calls (visit_id, called_at, called_by, repeated) VALUES (@id, @now, @user, 0)", new { id, now, user }, t);
            }
        });
        return GetRequired(id);
    }

    /// <summary>Parses an ISO 8601 instant; one without an offset is taken as puskesmas local time.</summary>
    /// <summary>An ISO 8601 instant (with or without offset: then the puskesmas' zone) within <see cref="DateRange"/>, else null.</summary>
    private DateTimeOffset? ParseInstant(string text)
    {
        var parsed = ParseAnyInstant(text);
        return parsed is { } p && DateRange.Contains(DateOnly.FromDateTime(p.UtcDateTime)) ? p : null;
    }

    private DateTimeOffset? ParseAnyInstant(string text)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset)
            && (text.EndsWith('Z') || text.Contains('+', StringComparison.Ordinal) || text.LastIndexOf('-') > 9))
        {
            return withOffset;
        }
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) && DateRange.ContainsYear(local.Year))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeZones.Offset(settings.Get().TimeZone));
        }
        return null;
    }
}
