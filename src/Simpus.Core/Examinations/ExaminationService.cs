using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Simpus.Core.Catalogue;
using Simpus.Core.Common;
using Simpus.Core.Data;
using Simpus.Core.Visits;

namespace Simpus.Core.Examinations;

/// <summary>
/// The examination record of a visit: anamnesis, vital signs, physical examination, diagnoses (ICD-10, Baru/Lama/KKL),
/// procedures, prescriptions, referral and outcome. Rows are never deleted: what a new version drops is voided,
/// and every change after the visit is finished is written to <c>clinical_audit</c>.
/// </summary>
public sealed class ExaminationService(Database db, VisitService visits, Icd10Catalogue icd10, DrugCatalogue drugs, TimeProvider clock)
{
    private const string ReplacedReason = "Dihapus saat pemeriksaan diubah";

    public ExaminationRecord Get(long visitId)
    {
        var visit = visits.GetRequired(visitId);
        using var c = db.Open();
        return Load(c, null, visit);
    }

    /// <summary>Replaces the examination record; with <paramref name="finish"/> the visit is also finished.</summary>
    public ExaminationRecord Save(long visitId, ExaminationInput input, ClinicalActor actor, bool finish = false)
    {
        var visit = visits.GetRequired(visitId);
        string? recordedBy;
        using (var c = db.Open())
        {
            recordedBy = c.ExecuteScalar<string?>("SELECT clinician FROM examinations WHERE visit_id = @visitId", new { visitId });
        }
        ClinicalAccess.CheckWrite(visit, actor, recordedBy);
        var clean = Validate(input, visit, finish);

        if (visit.Status == VisitStatuses.Arrived)
        {
            visit = visits.ChangeStatus(visitId, new StatusInput { Status = VisitStatuses.InProgress }, actor.Username);
        }
        var correction = visit.Status == VisitStatuses.Finished;
        var now = clock.GetUtcNow();
        db.InTransaction((c, t) =>
        {
            var audit = new AuditWriter(c, t, visitId, actor.Username, now, correction);
            SaveExamination(c, t, visitId, clean, actor.Username, now, audit);
            SaveDiagnoses(c, t, visitId, clean.Diagnoses, actor.Username, now, audit);
            SaveProcedures(c, t, visitId, clean.Procedures, actor.Username, now, audit);
            SavePrescriptions(c, t, visitId, clean.Prescriptions, actor.Username, now, audit);
            SaveReferral(c, t, visitId, clean.Referral, actor.Username, now, audit);
        });
        if (finish && visit.Status == VisitStatuses.InProgress)
        {
            visits.ChangeStatus(visitId, new StatusInput { Status = VisitStatuses.Finished }, actor.Username);
        }
        return Get(visitId);
    }

    /// <summary>Baru when the patient has no diagnosis of the same 3-character category earlier in the visit's calendar year, else lama.</summary>
    public CaseSuggestion Suggest(long visitId, string? code)
    {
        var entry = icd10.Find(code) ?? throw ValidationFailedException.For("code", "icd10.unknown", $"Kode ICD-10 '{code}' tidak ada di katalog.");
        var visit = visits.GetRequired(visitId);
        using var c = db.Open();
        var previous = PreviousInCategory(c, null, visitId, entry.Category);
        return previous is null
            ? new CaseSuggestion
            {
                Code = entry.Code, Category = entry.Category, Case = CaseTypes.Baru,
                Reason = $"Belum ada diagnosis {entry.Category} untuk pasien ini pada tahun {visit.VisitDate.Year}.",
            }
            : new CaseSuggestion
            {
                Code = entry.Code, Category = entry.Category, Case = CaseTypes.Lama, PreviousVisitDate = previous.Value.Date, PreviousCode = previous.Value.Code,
                Reason = $"Sudah didiagnosis {previous.Value.Code} pada {previous.Value.Date.ToString("d MMMM yyyy", Cultures.Indonesian)}.",
            };
    }

    private static (DateOnly Date, string Code)? PreviousInCategory(SqliteConnection c, SqliteTransaction? t, long visitId, string category)
    {
        var row = c.QueryFirstOrDefault<(string VisitDate, string Code)?>("""
            SELECT p.visit_date, d.code
            FROM visits v
            JOIN visits p ON p.patient_id = v.patient_id AND p.status <> 'cancelled' AND p.id <> v.id
                         AND substr(p.visit_date, 1, 4) = substr(v.visit_date, 1, 4)
                         AND (p.arrived_at < v.arrived_at OR (p.arrived_at = v.arrived_at AND p.id < v.id))
            JOIN diagnoses d ON d.visit_id = p.id AND d.voided_at IS NULL AND substr(d.code, 1, 3) = @category
            WHERE v.id = @visitId
            ORDER BY p.arrived_at DESC
            LIMIT 1
            """, new { visitId, category }, t);
        return row is { } r ? (DateOnly.ParseExact(r.VisitDate, "yyyy-MM-dd", CultureInfo.InvariantCulture), r.Code) : null;
    }

    public ExaminationRecord VoidDiagnosis(long visitId, long diagnosisId, VoidInput input, ClinicalActor actor) =>
        VoidRow(visitId, "diagnoses", "diagnosis", diagnosisId, input, actor);

    public ExaminationRecord VoidPrescription(long visitId, long prescriptionId, VoidInput input, ClinicalActor actor) =>
        VoidRow(visitId, "prescriptions", "prescription", prescriptionId, input, actor);

    private ExaminationRecord VoidRow(long visitId, string table, string entity, long rowId, VoidInput input, ClinicalActor actor)
    {
        var visit = visits.GetRequired(visitId);
        var reason = Text.Clean(input.Reason);
        string? recordedBy;
        using (var c = db.Open())
        {
            recordedBy = c.ExecuteScalar<string?>("SELECT clinician FROM examinations WHERE visit_id = @visitId", new { visitId });
            var exists = c.ExecuteScalar<long>($"SELECT COUNT(*) FROM {table} WHERE id = @rowId AND visit_id = @visitId", new { rowId, visitId });
            if (exists == 0)
            {
                throw new NotFoundException(entity + ".notFound", $"Data {rowId} tidak ditemukan pada kunjungan {visitId}.");
            }
        }
        ClinicalAccess.CheckWrite(visit, actor, recordedBy);
        if (reason is null || reason.Length < 3)
        {
            throw ValidationFailedException.For("reason", "reason.required", "Alasan pembatalan wajib diisi (minimal 3 karakter).");
        }
        var now = clock.GetUtcNow();
        db.InTransaction((c, t) =>
        {
            var changed = c.Execute($"UPDATE {table} SET voided_at = @now, voided_by = @user, void_reason = @reason WHERE id = @rowId AND voided_at IS NULL",
                new { now, user = actor.Username, reason, rowId }, t);
            if (changed == 0)
            {
                throw new ConflictException(entity + ".alreadyVoided", "Data ini sudah dibatalkan sebelumnya.");
            }
            new AuditWriter(c, t, visitId, actor.Username, now, always: true).Write(entity, rowId, "voided", null, reason);
        });
        return Get(visitId);
    }

    public IReadOnlyList<AuditEntry> Audit(long visitId)
    {
        visits.GetRequired(visitId);
        using var c = db.Open();
        return c.Query<AuditEntry>("""
            SELECT id, changed_at AS ChangedAt, changed_by AS ChangedBy, entity, entity_id AS EntityId, field, old_value AS OldValue, new_value AS NewValue
            FROM clinical_audit WHERE visit_id = @visitId ORDER BY id
            """, new { visitId }).ToList();
    }

    /// <summary>Visits of a poli on a date in queue order, with waiting time and the primary diagnosis once recorded.</summary>
    public IReadOnlyList<WorklistEntry> Worklist(DateOnly date, string poli)
    {
        var list = visits.List(date, poli).Where(v => v.Status != VisitStatuses.Cancelled).ToList();
        Dictionary<long, string> primary;
        using (var c = db.Open())
        {
            primary = c.Query<(long VisitId, string Code)>("""
                SELECT d.visit_id, d.code FROM diagnoses d JOIN visits v ON v.id = d.visit_id
                WHERE v.visit_date = @date AND v.poli = @poli AND d.is_primary = 1 AND d.voided_at IS NULL
                """, new { date, poli }).ToDictionary(r => r.VisitId, r => r.Code);
        }
        var now = clock.GetUtcNow();
        return list.Select(v => new WorklistEntry
        {
            VisitId = v.Id, QueueNumber = v.QueueNumber, Rm = v.Rm, PatientName = v.PatientName, Sex = v.Sex, BirthDate = v.BirthDate,
            Payer = v.Payer, PayerName = v.PayerName, QueueLabel = v.QueueLabel, Complaint = v.Complaint, Status = v.Status, VisitType = v.VisitType, ArrivedAt = v.ArrivedAt,
            StartedAt = v.StartedAt, FinishedAt = v.FinishedAt,
            WaitingMinutes = (int)Math.Max(0, ((v.StartedAt ?? now) - v.ArrivedAt).TotalMinutes),
            PrimaryDiagnosis = primary.GetValueOrDefault(v.Id),
        }).OrderBy(e => e.QueueNumber).ToList();
    }

    /// <summary>Every visit of the patient with its diagnoses, procedures, prescriptions and referrals (voided ones marked), newest first.</summary>
    public ClinicalHistory History(string rm)
    {
        var all = visits.ForPatient(rm);
        using var c = db.Open();
        var patient = c.QuerySingleOrDefault<(string Rm, string Name, string Sex, string BirthDate)?>(
            "SELECT rm, name, sex, birth_date FROM patients WHERE rm = @rm", new { rm })
            ?? throw new NotFoundException("patient.notFound", $"Pasien dengan No. RM {rm} tidak ditemukan.");
        var patientId = c.ExecuteScalar<long>("SELECT id FROM patients WHERE rm = @rm", new { rm });
        var exams = c.Query<ExamRow>(ExamColumns + " FROM examinations e JOIN visits v ON v.id = e.visit_id WHERE v.patient_id = @patientId",
            new { patientId }).ToDictionary(e => e.VisitId);
        var diagnoses = c.Query<DiagnosisRow>(DiagnosisSelect + " JOIN visits v ON v.id = d.visit_id WHERE v.patient_id = @patientId ORDER BY d.is_primary DESC, d.id",
            new { patientId }).ToLookup(d => d.VisitId);
        var procedures = c.Query<ProcedureRow>(ProcedureSelect + " JOIN visits v ON v.id = p.visit_id WHERE v.patient_id = @patientId ORDER BY p.id",
            new { patientId }).ToLookup(p => p.VisitId);
        var prescriptions = c.Query<PrescriptionRow>(PrescriptionSelect + " JOIN visits v ON v.id = r.visit_id WHERE v.patient_id = @patientId ORDER BY r.id",
            new { patientId }).ToLookup(p => p.VisitId);
        var referrals = c.Query<ReferralRow>(ReferralSelect + " JOIN visits v ON v.id = f.visit_id WHERE v.patient_id = @patientId ORDER BY f.id",
            new { patientId }).ToLookup(p => p.VisitId);
        var names = c.Query<(string Username, string FullName)>("""
            SELECT DISTINCT u.username, u.full_name FROM users u JOIN examinations e ON e.clinician = u.username
            JOIN visits v ON v.id = e.visit_id WHERE v.patient_id = @patientId
            """, new { patientId }).ToDictionary(u => u.Username, u => u.FullName, StringComparer.OrdinalIgnoreCase);
        return new ClinicalHistory
        {
            Rm = patient.Rm, Name = patient.Name, Sex = patient.Sex,
            BirthDate = DateOnly.ParseExact(patient.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Visits = all.Select(v =>
            {
                var e = exams.GetValueOrDefault(v.Id);
                return new ClinicalVisit
                {
                    VisitId = v.Id, VisitDate = v.VisitDate, Poli = v.Poli, PoliName = v.PoliName, Status = v.Status, ArrivedAt = v.ArrivedAt,
                    Complaint = e?.Complaint ?? v.Complaint, Vitals = e?.ToVitals(), PhysicalExam = e?.PhysicalExam, Outcome = e?.Outcome,
                    Clinician = e?.Clinician,
                    ClinicianName = e?.Clinician is { } who ? names.GetValueOrDefault(who, who) : null,
                    Diagnoses = diagnoses[v.Id].Select(d => d.ToView()).ToList(),
                    Procedures = procedures[v.Id].Select(p => p.ToView()).ToList(),
                    Prescriptions = prescriptions[v.Id].Select(p => p.ToView()).ToList(),
                    Referrals = referrals[v.Id].Select(r => r.ToView()).ToList(),
                };
            }).ToList(),
        };
    }

    // ---- validation ----

    private sealed record CleanDiagnosis(string Code, bool Primary, string Case);

    private sealed record CleanPrescription(string Drug, string Dose, double Quantity, int? Days);

    private sealed record CleanProcedure(string Name, string? Code);

    private sealed record Clean(
        string? Complaint, string? History, Vitals Vitals, string? PhysicalExam, string? Outcome,
        List<CleanDiagnosis> Diagnoses, List<CleanProcedure> Procedures, List<CleanPrescription> Prescriptions, ReferralInput? Referral);

    private Clean Validate(ExaminationInput input, Visit visit, bool finish)
    {
        var v = new Validation();
        var complaint = Limit(v, "complaint", input.Complaint, 500, "Keluhan utama");
        var history = Limit(v, "history", input.History, 2000, "Riwayat penyakit");
        var physical = Limit(v, "physicalExam", input.PhysicalExam, 2000, "Pemeriksaan fisik");
        var vitals = input.Vitals ?? new Vitals();
        VitalSigns.Check(vitals, v);

        var diagnoses = new List<CleanDiagnosis>();
        var list = input.Diagnoses ?? [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using (var c = db.Open())
        {
            for (var i = 0; i < list.Count; i++)
            {
                var d = list[i];
                var field = $"diagnoses[{i}]";
                if (d is null)
                {
                    v.Add(field, "diagnosis.required", "Diagnosis kosong.");
                    continue;
                }
                var entry = icd10.Find(d.Code);
                if (entry is null && icd10.FindAny(d.Code) is { Active: false } retired)
                {
                    // A retired code (not WHO ICD-10) stays on the visit that already has it; new entries are refused.
                    var kept = c.ExecuteScalar<long>("SELECT COUNT(*) FROM diagnoses WHERE visit_id = @Id AND code = @Code AND voided_at IS NULL",
                        new { visit.Id, retired.Code });
                    if (kept == 0)
                    {
                        v.Add(field + ".code", "icd10.retired", Icd10Catalogue.RetiredMessage(retired.Code));
                        continue;
                    }
                    entry = retired;
                }
                if (entry is null)
                {
                    v.Add(field + ".code", "icd10.unknown", Text.Clean(d.Code) is { } code
                        ? $"Kode ICD-10 '{code}' tidak ada di katalog."
                        : "Kode ICD-10 wajib diisi.");
                    continue;
                }
                if (!seen.Add(entry.Code))
                {
                    v.Add(field + ".code", "diagnosis.duplicate", $"Diagnosis {entry.Code} tercatat dua kali.");
                    continue;
                }
                var caseText = Text.Clean(d.Case)?.ToLowerInvariant();
                if (caseText is not null && !CaseTypes.All.Contains(caseText))
                {
                    v.Add(field + ".case", "case.invalid", "Jenis kasus harus baru, lama atau kkl.");
                    continue;
                }
                caseText ??= PreviousInCategory(c, null, visit.Id, entry.Category) is null ? CaseTypes.Baru : CaseTypes.Lama;
                diagnoses.Add(new CleanDiagnosis(entry.Code, d.Primary == true, caseText));
            }
        }
        var primaries = diagnoses.Count(d => d.Primary);
        if (primaries > 1)
        {
            v.Add("diagnoses", "diagnosis.primaryMany", "Hanya satu diagnosis yang boleh menjadi diagnosis utama.");
        }
        else if (primaries == 0 && diagnoses.Count > 0)
        {
            diagnoses[0] = diagnoses[0] with { Primary = true };
        }
        if (finish && list.Count == 0 && visit.Poli != "lab")
        {
            v.Add("diagnoses", "diagnosis.required", "Isi minimal satu diagnosis sebelum kunjungan diselesaikan.");
        }

        var procedures = new List<CleanProcedure>();
        var procs = input.Procedures ?? [];
        for (var i = 0; i < procs.Count; i++)
        {
            var name = Text.Clean(procs[i]?.Name);
            if (name is null || name.Length > 200)
            {
                v.Add($"procedures[{i}].name", "procedure.name", "Nama tindakan wajib diisi (paling panjang 200 karakter).");
                continue;
            }
            var code = Text.Clean(procs[i]!.Code);
            if (code is { Length: > 10 })
            {
                v.Add($"procedures[{i}].code", "procedure.code", "Kode ICD-9-CM paling panjang 10 karakter.");
                continue;
            }
            procedures.Add(new CleanProcedure(name, code));
        }

        var prescriptions = new List<CleanPrescription>();
        var rx = input.Prescriptions ?? [];
        for (var i = 0; i < rx.Count; i++)
        {
            var p = rx[i];
            var field = $"prescriptions[{i}]";
            var drug = drugs.FindActive(p?.Drug, v, field + ".drug");
            var ok = drug is not null;
            var dose = Text.Clean(p?.Dose);
            if (dose is null || dose.Length > 60)
            {
                v.Add(field + ".dose", "dose.required", "Aturan pakai wajib diisi, mis. 3x1 (paling panjang 60 karakter).");
                ok = false;
            }
            if (p?.Quantity is not { } q || q <= 0 || q > 10_000 || double.IsNaN(q))
            {
                v.Add(field + ".quantity", "quantity.range", "Jumlah obat harus lebih dari 0 dan paling banyak 10.000.");
                ok = false;
            }
            if (p?.Days is { } days && days is < 1 or > 365)
            {
                v.Add(field + ".days", "days.range", "Lama pemberian harus 1 sampai 365 hari.");
                ok = false;
            }
            if (ok)
            {
                prescriptions.Add(new CleanPrescription(drug!.Code, dose!, p!.Quantity!.Value, p.Days));
            }
        }

        ReferralInput? referral = null;
        if (input.Referral is { } r && (Text.Clean(r.Destination) is not null || Text.Clean(r.Reason) is not null))
        {
            var destination = Text.Clean(r.Destination);
            var reason = Text.Clean(r.Reason);
            if (destination is null || destination.Length > 200)
            {
                v.Add("referral.destination", "referral.destination", "Fasilitas tujuan rujukan wajib diisi (paling panjang 200 karakter).");
            }
            if (reason is null || reason.Length > 500)
            {
                v.Add("referral.reason", "referral.reason", "Alasan rujukan wajib diisi (paling panjang 500 karakter).");
            }
            referral = new ReferralInput { Destination = destination, Reason = reason };
        }

        var outcome = Text.Clean(input.Outcome)?.ToLowerInvariant().Replace(' ', '-');
        if (outcome is not null && !Outcomes.All.Contains(outcome))
        {
            v.Add("outcome", "outcome.invalid", "Hasil akhir harus pulang, kontrol, rujuk, rawat-inap atau meninggal.");
        }
        if (outcome == "rujuk" && referral is null)
        {
            v.Add("referral.destination", "referral.required", "Hasil akhir 'rujuk' memerlukan fasilitas tujuan dan alasan rujukan.");
        }
        outcome ??= referral is not null ? "rujuk" : null;
        v.ThrowIfAny();
        return new Clean(complaint, history, vitals, physical, outcome, diagnoses, procedures, prescriptions, referral);
    }

    private static string? Limit(Validation v, string field, string? text, int max, string label)
    {
        var clean = Text.Clean(text);
        if (clean is { } s && s.Length > max)
        {
            v.Add(field, field + ".tooLong", $"{label} paling panjang {max} karakter.");
        }
        return clean;
    }

    // ---- writing ----

    private static void SaveExamination(SqliteConnection c, SqliteTransaction t, long visitId, Clean e, string user, DateTimeOffset now, AuditWriter audit)
    {
        var old = c.QuerySingleOrDefault<ExamRow>(ExamColumns + " FROM examinations e WHERE e.visit_id = @visitId", new { visitId }, t);
        var row = new
        {
            visitId, e.Complaint, e.History, e.Vitals.Systolic, e.Vitals.Diastolic, e.Vitals.Pulse, e.Vitals.Respiration,
            e.Vitals.Temperature, e.Vitals.Weight, e.Vitals.Height, e.PhysicalExam, e.Outcome, user, now,
        };
        if (old is null)
        {
            c.Execute("""
                INSERT INTO examinations (visit_id, complaint, history, systolic, diastolic, pulse, respiration, temperature, weight, height,
                                          physical_exam, outcome, clinician, created_at, updated_at)
                VALUES (@visitId, @Complaint, @History, @Systolic, @Diastolic, @Pulse, @Respiration, @Temperature, @Weight, @Height,
                        @PhysicalExam, @Outcome, @user, @now, @now)
                """, row, t);
            audit.Write("examination", visitId, "created", null, null);
            return;
        }
        audit.Compare("examination", visitId, "complaint", old.Complaint, e.Complaint);
        audit.Compare("examination", visitId, "history", old.History, e.History);
        audit.Compare("examination", visitId, "vitals.systolic", old.Systolic, e.Vitals.Systolic);
        audit.Compare("examination", visitId, "vitals.diastolic", old.Diastolic, e.Vitals.Diastolic);
        audit.Compare("examination", visitId, "vitals.pulse", old.Pulse, e.Vitals.Pulse);
        audit.Compare("examination", visitId, "vitals.respiration", old.Respiration, e.Vitals.Respiration);
        audit.Compare("examination", visitId, "vitals.temperature", old.Temperature, e.Vitals.Temperature);
        audit.Compare("examination", visitId, "vitals.weight", old.Weight, e.Vitals.Weight);
        audit.Compare("examination", visitId, "vitals.height", old.Height, e.Vitals.Height);
        audit.Compare("examination", visitId, "physicalExam", old.PhysicalExam, e.PhysicalExam);
        audit.Compare("examination", visitId, "outcome", old.Outcome, e.Outcome);
        c.Execute("""
            UPDATE examinations SET complaint = @Complaint, history = @History, systolic = @Systolic, diastolic = @Diastolic, pulse = @Pulse,
                   respiration = @Respiration, temperature = @Temperature, weight = @Weight, height = @Height, physical_exam = @PhysicalExam,
                   outcome = @Outcome, updated_at = @now
            WHERE visit_id = @visitId
            """, row, t);
    }

    private static void SaveDiagnoses(SqliteConnection c, SqliteTransaction t, long visitId, List<CleanDiagnosis> wanted, string user, DateTimeOffset now, AuditWriter audit)
    {
        var live = c.Query<DiagnosisRow>(DiagnosisSelect + " WHERE d.visit_id = @visitId AND d.voided_at IS NULL", new { visitId }, t).ToList();
        var wantedByCode = wanted.ToDictionary(d => d.Code, StringComparer.Ordinal);
        // Void what is no longer there, then demote, then promote: the one-primary index holds at every step.
        foreach (var old in live.Where(o => !wantedByCode.ContainsKey(o.Code)))
        {
            c.Execute("UPDATE diagnoses SET voided_at = @now, voided_by = @user, void_reason = @reason WHERE id = @Id",
                new { now, user, reason = ReplacedReason, old.Id }, t);
            audit.Write("diagnosis", old.Id, "voided", old.Code, ReplacedReason);
        }
        var kept = live.Where(o => wantedByCode.ContainsKey(o.Code)).ToList();
        foreach (var old in kept.OrderBy(o => wantedByCode[o.Code].Primary))
        {
            var w = wantedByCode[old.Code];
            if (old.IsPrimary != w.Primary || old.CaseType != w.Case)
            {
                c.Execute("UPDATE diagnoses SET is_primary = @Primary, case_type = @Case WHERE id = @Id", new { w.Primary, w.Case, old.Id }, t);
                audit.Compare("diagnosis", old.Id, "primary", old.IsPrimary ? "ya" : "tidak", w.Primary ? "ya" : "tidak");
                audit.Compare("diagnosis", old.Id, "case", old.CaseType, w.Case);
            }
        }
        var keptCodes = kept.Select(k => k.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var w in wanted.Where(w => !keptCodes.Contains(w.Code)).OrderBy(w => w.Primary ? 1 : 0))
        {
            var id = c.ExecuteScalar<long>("""
                INSERT INTO diagnoses (visit_id, code, is_primary, case_type, created_at, created_by)
                VALUES (@visitId, @Code, @Primary, @Case, @now, @user) RETURNING id
                """, new { visitId, w.Code, w.Primary, w.Case, now, user }, t);
            audit.Write("diagnosis", id, "added", null, $"{w.Code} ({w.Case}{(w.Primary ? ", utama" : "")})");
        }
    }

    private static void SaveProcedures(SqliteConnection c, SqliteTransaction t, long visitId, List<CleanProcedure> wanted, string user, DateTimeOffset now, AuditWriter audit)
    {
        var live = c.Query<ProcedureRow>(ProcedureSelect + " WHERE p.visit_id = @visitId AND p.voided_at IS NULL", new { visitId }, t).ToList();
        var remaining = wanted.ToList();
        foreach (var old in live)
        {
            var match = remaining.FindIndex(w => w.Name == old.Name && w.Code == old.Code);
            if (match >= 0)
            {
                remaining.RemoveAt(match);
                continue;
            }
            c.Execute("UPDATE procedures SET voided_at = @now, voided_by = @user, void_reason = @reason WHERE id = @Id", new { now, user, reason = ReplacedReason, old.Id }, t);
            audit.Write("procedure", old.Id, "voided", old.Name, ReplacedReason);
        }
        foreach (var w in remaining)
        {
            var id = c.ExecuteScalar<long>("INSERT INTO procedures (visit_id, name, code, created_at, created_by) VALUES (@visitId, @Name, @Code, @now, @user) RETURNING id",
                new { visitId, w.Name, w.Code, now, user }, t);
            audit.Write("procedure", id, "added", null, w.Name);
        }
    }

    private static void SavePrescriptions(SqliteConnection c, SqliteTransaction t, long visitId, List<CleanPrescription> wanted, string user, DateTimeOffset now, AuditWriter audit)
    {
        var live = c.Query<PrescriptionRow>(PrescriptionSelect + " WHERE r.visit_id = @visitId AND r.voided_at IS NULL", new { visitId }, t).ToList();
        var remaining = wanted.ToList();
        foreach (var old in live)
        {
            var match = remaining.FindIndex(w => w.Drug == old.DrugCode && w.Dose == old.Dose && Math.Abs(w.Quantity - old.Quantity) < 1e-9 && w.Days == old.Days);
            if (match >= 0)
            {
                remaining.RemoveAt(match);
                continue;
            }
            c.Execute("UPDATE prescriptions SET voided_at = @now, voided_by = @user, void_reason = @reason WHERE id = @Id", new { now, user, reason = ReplacedReason, old.Id }, t);
            audit.Write("prescription", old.Id, "voided", $"{old.DrugCode} {old.Dose} x{old.Quantity.ToString(CultureInfo.InvariantCulture)}", ReplacedReason);
        }
        foreach (var w in remaining)
        {
            var id = c.ExecuteScalar<long>("""
                INSERT INTO prescriptions (visit_id, drug_code, dose, quantity, days, created_at, created_by)
                VALUES (@visitId, @Drug, @Dose, @Quantity, @Days, @now, @user) RETURNING id
                """, new { visitId, w.Drug, w.Dose, w.Quantity, w.Days, now, user }, t);
            audit.Write("prescription", id, "added", null, $"{w.Drug} {w.Dose} x{w.Quantity.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private static void SaveReferral(SqliteConnection c, SqliteTransaction t, long visitId, ReferralInput? wanted, string user, DateTimeOffset now, AuditWriter audit)
    {
        var old = c.QuerySingleOrDefault<ReferralRow>(ReferralSelect + " WHERE f.visit_id = @visitId AND f.voided_at IS NULL", new { visitId }, t);
        if (old is not null && wanted is not null && old.Destination == wanted.Destination && old.Reason == wanted.Reason)
        {
            return;
        }
        if (old is not null)
        {
            c.Execute("UPDATE referrals SET voided_at = @now, voided_by = @user, void_reason = @reason WHERE id = @Id", new { now, user, reason = ReplacedReason, old.Id }, t);
            audit.Write("referral", old.Id, "voided", old.Destination, ReplacedReason);
        }
        if (wanted is not null)
        {
            var id = c.ExecuteScalar<long>("""
                INSERT INTO referrals (visit_id, destination, reason, created_at, created_by) VALUES (@visitId, @Destination, @Reason, @now, @user) RETURNING id
                """, new { visitId, wanted.Destination, wanted.Reason, now, user }, t);
            audit.Write("referral", id, "added", null, wanted.Destination);
        }
    }

    // ---- reading ----

    private static ExaminationRecord Load(SqliteConnection c, SqliteTransaction? t, Visit visit)
    {
        var e = c.QuerySingleOrDefault<ExamRow>(ExamColumns + " FROM examinations e WHERE e.visit_id = @Id", new { visit.Id }, t);
        var referral = c.QueryFirstOrDefault<ReferralRow>(ReferralSelect + " WHERE f.visit_id = @Id AND f.voided_at IS NULL", new { visit.Id }, t);
        return new ExaminationRecord
        {
            VisitId = visit.Id, Rm = visit.Rm, PatientName = visit.PatientName, Sex = visit.Sex, BirthDate = visit.BirthDate, Poli = visit.Poli,
            PoliName = visit.PoliName, QueueLabel = visit.QueueLabel,
            VisitDate = visit.VisitDate, VisitStatus = visit.Status, Recorded = e is not null,
            Complaint = e is null ? visit.Complaint : e.Complaint, History = e?.History, Vitals = e?.ToVitals() ?? new Vitals(),
            PhysicalExam = e?.PhysicalExam, Outcome = e?.Outcome, Clinician = e?.Clinician, UpdatedAt = e?.UpdatedAt,
            Diagnoses = c.Query<DiagnosisRow>(DiagnosisSelect + " WHERE d.visit_id = @Id AND d.voided_at IS NULL ORDER BY d.is_primary DESC, d.id", new { visit.Id }, t)
                .Select(d => d.ToView()).ToList(),
            Procedures = c.Query<ProcedureRow>(ProcedureSelect + " WHERE p.visit_id = @Id AND p.voided_at IS NULL ORDER BY p.id", new { visit.Id }, t)
                .Select(p => p.ToView()).ToList(),
            Prescriptions = c.Query<PrescriptionRow>(PrescriptionSelect + " WHERE r.visit_id = @Id AND r.voided_at IS NULL ORDER BY r.id", new { visit.Id }, t)
                .Select(p => p.ToView()).ToList(),
            Referral = referral?.ToView(),
        };
    }

    private const string ExamColumns = """
        SELECT e.visit_id AS VisitId, e.complaint, e.history, e.systolic, e.diastolic, e.pulse, e.respiration, e.temperature, e.weight, e.height,
               e.physical_exam AS PhysicalExam, e.outcome, e.clinician, e.updated_at AS UpdatedAt
        """;

    private const string DiagnosisSelect = """
        SELECT d.id, d.visit_id AS VisitId, d.code, i.name_id AS Name, d.is_primary AS IsPrimary, d.case_type AS CaseType, d.created_by AS CreatedBy,
               d.voided_at AS VoidedAt, d.void_reason AS VoidReason
        FROM diagnoses d JOIN icd10 i ON i.code = d.code
        """;

    private const string ProcedureSelect = """
        SELECT p.id, p.visit_id AS VisitId, p.name, p.code, p.voided_at AS VoidedAt, p.void_reason AS VoidReason FROM procedures p
        """;

    private const string PrescriptionSelect = """
        SELECT r.id, r.visit_id AS VisitId, r.drug_code AS DrugCode, g.name AS DrugName, g.unit, r.dose, r.quantity, r.days,
               r.voided_at AS VoidedAt, r.void_reason AS VoidReason
        FROM prescriptions r JOIN drugs g ON g.code = r.drug_code
        """;

    private const string ReferralSelect = """
        SELECT f.id, f.visit_id AS VisitId, f.destination, f.reason, f.voided_at AS VoidedAt, f.void_reason AS VoidReason FROM referrals f
        """;

    private sealed class ExamRow
    {
        public long VisitId { get; set; }
        public string? Complaint { get; set; }
        public string? History { get; set; }
        public int? Systolic { get; set; }
        public int? Diastolic { get; set; }
        public int? Pulse { get; set; }
        public int? Respiration { get; set; }
        public double? Temperature { get; set; }
        public double? Weight { get; set; }
        public double? Height { get; set; }
        public string? PhysicalExam { get; set; }
        public string? Outcome { get; set; }
        public string Clinician { get; set; } = "";
        public DateTimeOffset UpdatedAt { get; set; }

        public Vitals ToVitals() => new()
        {
            Systolic = Systolic, Diastolic = Diastolic, Pulse = Pulse, Respiration = Respiration, Temperature = Temperature, Weight = Weight, Height = Height,
        };
    }

    private sealed class DiagnosisRow
    {
        public long Id { get; set; }
        public long VisitId { get; set; }
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public bool IsPrimary { get; set; }
        public string CaseType { get; set; } = "";
        public string? CreatedBy { get; set; }
        public DateTimeOffset? VoidedAt { get; set; }
        public string? VoidReason { get; set; }

        public DiagnosisView ToView() => new()
        {
            Id = Id, Code = Code, Name = Name, Primary = IsPrimary, Case = CaseType, CreatedBy = CreatedBy, VoidedAt = VoidedAt, VoidReason = VoidReason,
        };
    }

    private sealed class ProcedureRow
    {
        public long Id { get; set; }
        public long VisitId { get; set; }
        public string Name { get; set; } = "";
        public string? Code { get; set; }
        public DateTimeOffset? VoidedAt { get; set; }
        public string? VoidReason { get; set; }

        public ProcedureView ToView() => new() { Id = Id, Name = Name, Code = Code, VoidedAt = VoidedAt, VoidReason = VoidReason };
    }

    private sealed class PrescriptionRow
    {
        public long Id { get; set; }
        public long VisitId { get; set; }
        public string DrugCode { get; set; } = "";
        public string DrugName { get; set; } = "";
        public string Unit { get; set; } = "";
        public string Dose { get; set; } = "";
        public double Quantity { get; set; }
        public int? Days { get; set; }
        public DateTimeOffset? VoidedAt { get; set; }
        public string? VoidReason { get; set; }

        public PrescriptionView ToView() => new()
        {
            Id = Id, Drug = DrugCode, DrugName = DrugName, Unit = Unit, Dose = Dose, Quantity = Quantity, Days = Days, VoidedAt = VoidedAt, VoidReason = VoidReason,
        };
    }

    private sealed class ReferralRow
    {
        public long Id { get; set; }
        public long VisitId { get; set; }
        public string Destination { get; set; } = "";
        public string Reason { get; set; } = "";
        public DateTimeOffset? VoidedAt { get; set; }
        public string? VoidReason { get; set; }

        public ReferralView ToView() => new() { Id = Id, Destination = Destination, Reason = Reason, VoidedAt = VoidedAt, VoidReason = VoidReason };
    }

    /// <summary>Writes old → new to clinical_audit when the record is being corrected (visit finished), or always for voids.</summary>
    private sealed class AuditWriter(SqliteConnection c, SqliteTransaction t, long visitId, string user, DateTimeOffset now, bool always)
    {
        public void Compare<T>(string entity, long id, string field, T? oldValue, T? newValue)
        {
            var o = Format(oldValue);
            var n = Format(newValue);
            if (o != n)
            {
                Write(entity, id, field, o, n);
            }
        }

        public void Write(string entity, long? id, string field, string? oldValue, string? newValue)
        {
            if (!always)
            {
                return;
            }
            c.Execute("""
                INSERT INTO clinical_audit (visit_id, changed_at, changed_by, entity, entity_id, field, old_value, new_value)
                VALUES (@visitId, @now, @user, @entity, @id, @field, @oldValue, @newValue)
                """, new { visitId, now, user, entity, id, field, oldValue, newValue }, t);
        }

        private static string? Format<T>(T? value) => value switch
        {
            null => null,
            double d => d.ToString("0.##", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }
}
