using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Simpus.Core.Data;
using Simpus.SatuSehat.Fhir;

namespace Simpus.SatuSehat.Delivery;

/// <summary>A finished visit as recorded at the puskesmas, before identities are resolved.</summary>
public sealed record LocalVisit
{
    public long VisitId { get; init; }
    public required string Status { get; init; }
    public required string Poli { get; init; }
    public required string PoliName { get; init; }
    public DateTimeOffset ArrivedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset FinishedAt { get; init; }
    public DateTimeOffset? ExaminedAt { get; init; }
    public required LocalPatient Patient { get; init; }
    /// <summary>The clinician who recorded the examination (or finished the visit).</summary>
    public string? Clinician { get; init; }
    public IReadOnlyList<VitalValue> Vitals { get; init; } = [];
    public IReadOnlyList<DiagnosisRow> Diagnoses { get; init; } = [];
    public IReadOnlyList<ProcedureRow> Procedures { get; init; } = [];
    public IReadOnlyList<PrescriptionRow> Prescriptions { get; init; } = [];
}

public sealed record LocalPatient
{
    public long Id { get; init; }
    public required string Rm { get; init; }
    public string? Nik { get; init; }
    public required string Name { get; init; }
    public required string Sex { get; init; }
    public DateOnly BirthDate { get; init; }
    public long FamilyId { get; init; }
    public required string Relation { get; init; }
    public string? Address { get; init; }
}

/// <summary>A user of the clinic as SATUSEHAT needs them: name and NIK (<c>users.nik</c>, from the user profile).</summary>
public sealed record LocalClinician
{
    public required string Username { get; init; }
    public required string FullName { get; init; }
    public string? Nik { get; init; }
}

/// <summary>Reads what SATUSEHAT needs from the clinic database.</summary>
public sealed class LocalVisits(Database db)
{
    private bool? _usersHaveNik;

    public LocalVisit? Load(long visitId)
    {
        using var c = db.Open();
        var v = c.QuerySingleOrDefault<VisitRow>("""
            SELECT v.id AS VisitId, v.status, v.poli, po.name AS PoliName, v.arrived_at AS ArrivedAt, v.started_at AS StartedAt,
                   v.finished_at AS FinishedAt, e.created_at AS ExaminedAt,
                   COALESCE(e.clinician, (SELECT h.changed_by FROM visit_status_history h WHERE h.visit_id = v.id AND h.status = 'finished'
                                          ORDER BY h.id DESC LIMIT 1)) AS Clinician,
                   e.systolic, e.diastolic, e.pulse, e.respiration, e.temperature, e.weight, e.height,
                   p.id AS PatientId, p.rm, p.nik, p.name, p.sex, p.birth_date AS BirthDate, p.family_id AS FamilyId, p.relation, p.address
            FROM visits v JOIN patients p ON p.id = v.patient_id JOIN poli po ON po.code = v.poli
            LEFT JOIN examinations e ON e.visit_id = v.id
            WHERE v.id = @visitId
            """, new { visitId });
        if (v is null)
        {
            return null;
        }
        var vitals = new List<VitalValue>();
        void Add(VitalSign sign, double? value) => vitals.Add(new VitalValue(sign, value is { } d ? Math.Round((decimal)d, 2) : null));
        Add(VitalSign.Systolic, v.Systolic);
        Add(VitalSign.Diastolic, v.Diastolic);
        Add(VitalSign.Pulse, v.Pulse);
        Add(VitalSign.Respiration, v.Respiration);
        Add(VitalSign.Temperature, v.Temperature);
        Add(VitalSign.Weight, v.Weight);
        Add(VitalSign.Height, v.Height);

        var diagnoses = c.Query<(long Id, string Code, string? NameEn, string NameId, bool Primary, string? VoidedAt)>("""
            SELECT d.id, d.code, i.name_en, i.name_id, d.is_primary, d.voided_at FROM diagnoses d JOIN icd10 i ON i.code = d.code
            WHERE d.visit_id = @visitId ORDER BY d.is_primary DESC, d.id
            """, new { visitId }).Select(d => new DiagnosisRow(d.Id, d.Code, string.IsNullOrWhiteSpace(d.NameEn) ? d.NameId : d.NameEn, d.Primary, d.VoidedAt is not null)).ToList();
        var procedures = c.Query<(long Id, string Name, string? Code, string? VoidedAt)>(
            "SELECT id, name, code, voided_at FROM procedures WHERE visit_id = @visitId ORDER BY id", new { visitId })
            .Select(p => new ProcedureRow(p.Id, p.Name, p.Code, p.VoidedAt is not null)).ToList();
        var prescriptions = c.Query<RxRow>("""
            SELECT r.id, r.drug_code AS DrugCode, g.name AS DrugName, k.kfa_code AS KfaCode, k.kfa_display AS KfaDisplay, r.dose, r.quantity,
                   g.unit, r.days, r.voided_at AS VoidedAt
            FROM prescriptions r JOIN drugs g ON g.code = r.drug_code LEFT JOIN drug_kfa k ON k.drug_code = r.drug_code
            WHERE r.visit_id = @visitId ORDER BY r.id
            """, new { visitId }).Select(r => new PrescriptionRow(r.Id, r.DrugCode, r.DrugName, r.KfaCode, r.KfaDisplay, r.Dose,
                Math.Round((decimal)r.Quantity, 3), r.Unit, r.Days, r.VoidedAt is not null)).ToList();

        return new LocalVisit
        {
            VisitId = v.VisitId, Status = v.Status, Poli = v.Poli, PoliName = v.PoliName,
            ArrivedAt = DapperSetup.ParseInstant(v.ArrivedAt),
            StartedAt = v.StartedAt is null ? null : DapperSetup.ParseInstant(v.StartedAt),
            FinishedAt = DapperSetup.ParseInstant(v.FinishedAt ?? v.ArrivedAt),
            ExaminedAt = v.ExaminedAt is null ? null : DapperSetup.ParseInstant(v.ExaminedAt),
            Clinician = v.Clinician,
            Patient = new LocalPatient
            {
                Id = v.PatientId, Rm = v.Rm, Nik = v.Nik, Name = v.Name, Sex = v.Sex,
                BirthDate = DateOnly.ParseExact(v.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                FamilyId = v.FamilyId, Relation = v.Relation, Address = v.Address,
            },
            Vitals = vitals, Diagnoses = diagnoses, Procedures = procedures, Prescriptions = prescriptions,
        };
    }

    /// <summary>The mother of a child without NIK, as the family folder records her: a woman of the family, wife or head, with a NIK.</summary>
    public (long Id, string Nik)? Mother(LocalPatient child)
    {
        if (child.Relation != "anak")
        {
            return null;
        }
        using var c = db.Open();
        var rows = c.Query<(long Id, string Nik, string Relation)>("""
            SELECT id, nik, relation FROM patients
            WHERE family_id = @FamilyId AND id <> @Id AND sex = 'P' AND nik IS NOT NULL AND voided_at IS NULL AND relation IN ('istri', 'kepala')
            ORDER BY CASE relation WHEN 'istri' THEN 0 ELSE 1 END, id
            """, new { child.FamilyId, child.Id }).ToList();
        return rows.Count == 0 ? null : (rows[0].Id, rows[0].Nik);
    }

    public LocalClinician? Clinician(string username)
    {
        using var c = db.Open();
        var hasNik = _usersHaveNik ??= UsersHaveNik(c);
        return c.QuerySingleOrDefault<LocalClinician>(hasNik
            ? "SELECT username, full_name AS FullName, nik FROM users WHERE username = @username"
            : "SELECT username, full_name AS FullName, CAST(NULL AS TEXT) AS Nik FROM users WHERE username = @username", new { username });
    }

    /// <summary>Every active clinician (role klinisi), for onboarding.</summary>
    public IReadOnlyList<LocalClinician> Clinicians()
    {
        using var c = db.Open();
        var hasNik = _usersHaveNik ??= UsersHaveNik(c);
        return c.Query<LocalClinician>(hasNik
            ? "SELECT username, full_name AS FullName, nik FROM users WHERE role = 'klinisi' AND active = 1 ORDER BY username"
            : "SELECT username, full_name AS FullName, CAST(NULL AS TEXT) AS Nik FROM users WHERE role = 'klinisi' AND active = 1 ORDER BY username").ToList();
    }

    /// <summary><c>users.nik</c> comes with the user-profile work (NIP/SIP/NIK); until that migration ran, no clinician has a NIK.</summary>
    private static bool UsersHaveNik(SqliteConnection c) =>
        c.Query<string>("SELECT name FROM pragma_table_info('users')").Contains("nik", StringComparer.OrdinalIgnoreCase);

    private sealed class VisitRow
    {
        public long VisitId { get; set; }
        public string Status { get; set; } = "";
        public string Poli { get; set; } = "";
        public string PoliName { get; set; } = "";
        public string ArrivedAt { get; set; } = "";
        public string? StartedAt { get; set; }
        public string? FinishedAt { get; set; }
        public string? ExaminedAt { get; set; }
        public string? Clinician { get; set; }
        public int? Systolic { get; set; }
        public int? Diastolic { get; set; }
        public int? Pulse { get; set; }
        public int? Respiration { get; set; }
        public double? Temperature { get; set; }
        public double? Weight { get; set; }
        public double? Height { get; set; }
        public long PatientId { get; set; }
        public string Rm { get; set; } = "";
        public string? Nik { get; set; }
        public string Name { get; set; } = "";
        public string Sex { get; set; } = "";
        public string BirthDate { get; set; } = "";
        public long FamilyId { get; set; }
        public string Relation { get; set; } = "";
        public string? Address { get; set; }
    }

    private sealed class RxRow
    {
        public long Id { get; set; }
        public string DrugCode { get; set; } = "";
        public string DrugName { get; set; } = "";
        public string? KfaCode { get; set; }
        public string? KfaDisplay { get; set; }
        public string Dose { get; set; } = "";
        public double Quantity { get; set; }
        public string Unit { get; set; } = "";
        public int? Days { get; set; }
        public string? VoidedAt { get; set; }
    }
}
