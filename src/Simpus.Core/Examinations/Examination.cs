namespace Simpus.Core.Examinations;

/// <summary>Who is writing: the user name, role (admin, klinisi, kepala ...) and, for a clinician, the poli they work at.</summary>
public sealed record ClinicalActor(string Username, string Role, string? Poli);

public static class CaseTypes
{
    public const string Baru = "baru";
    public const string Lama = "lama";
    public const string Kkl = "kkl";

    public static readonly IReadOnlyList<string> All = [Baru, Lama, Kkl];
}

public static class Outcomes
{
    /// <summary>pulang (home), kontrol (come back), rujuk (referred out), rawat-inap (admitted), meninggal (died).</summary>
    public static readonly IReadOnlyList<string> All = ["pulang", "kontrol", "rujuk", "rawat-inap", "meninggal"];
}

public sealed record Vitals
{
    /// <summary>Systolic blood pressure, mmHg.</summary>
    public int? Systolic { get; init; }
    /// <summary>Diastolic blood pressure, mmHg.</summary>
    public int? Diastolic { get; init; }
    /// <summary>Pulse, beats per minute.</summary>
    public int? Pulse { get; init; }
    /// <summary>Respiration, breaths per minute.</summary>
    public int? Respiration { get; init; }
    /// <summary>Body temperature, °C.</summary>
    public double? Temperature { get; init; }
    /// <summary>Weight, kg.</summary>
    public double? Weight { get; init; }
    /// <summary>Height, cm.</summary>
    public double? Height { get; init; }
}

public sealed record DiagnosisInput
{
    /// <summary>ICD-10 code from the catalogue, e.g. J06.9.</summary>
    public string? Code { get; init; }
    /// <summary>The one primary diagnosis of the visit; when none is marked, the first is primary.</summary>
    public bool? Primary { get; init; }
    /// <summary>baru, lama or kkl; when empty the system's suggestion from the patient's history is used.</summary>
    public string? Case { get; init; }
}

public sealed record ProcedureInput
{
    public string? Name { get; init; }
    /// <summary>ICD-9-CM code when known.</summary>
    public string? Code { get; init; }
}

public sealed record PrescriptionInput
{
    /// <summary>Drug code from the catalogue, e.g. OB001.</summary>
    public string? Drug { get; init; }
    /// <summary>Signa, e.g. 3x1.</summary>
    public string? Dose { get; init; }
    public double? Quantity { get; init; }
    public int? Days { get; init; }
}

public sealed record ReferralInput
{
    public string? Destination { get; init; }
    public string? Reason { get; init; }
}

/// <summary>The whole examination record of a visit; PUT replaces it (removed diagnoses, procedures, prescriptions are voided, never deleted).</summary>
public sealed record ExaminationInput
{
    public string? Complaint { get; init; }
    public string? History { get; init; }
    public Vitals? Vitals { get; init; }
    public string? PhysicalExam { get; init; }
    public List<DiagnosisInput>? Diagnoses { get; init; }
    public List<ProcedureInput>? Procedures { get; init; }
    public List<PrescriptionInput>? Prescriptions { get; init; }
    public ReferralInput? Referral { get; init; }
    /// <summary>pulang, kontrol, rujuk, rawat-inap or meninggal; rujuk when a referral is given and this is empty.</summary>
    public string? Outcome { get; init; }
}

public sealed record DiagnosisView
{
    public long Id { get; init; }
    public required string Code { get; init; }
    public required string Name { get; init; }
    public bool Primary { get; init; }
    public required string Case { get; init; }
    public string? CreatedBy { get; init; }
    public DateTimeOffset? VoidedAt { get; init; }
    public string? VoidReason { get; init; }
}

public sealed record ProcedureView
{
    public long Id { get; init; }
    public required string Name { get; init; }
    public string? Code { get; init; }
    public DateTimeOffset? VoidedAt { get; init; }
    public string? VoidReason { get; init; }
}

public sealed record PrescriptionView
{
    public long Id { get; init; }
    public required string Drug { get; init; }
    public required string DrugName { get; init; }
    public required string Unit { get; init; }
    public required string Dose { get; init; }
    public double Quantity { get; init; }
    public int? Days { get; init; }
    public DateTimeOffset? VoidedAt { get; init; }
    public string? VoidReason { get; init; }
}

public sealed record ReferralView
{
    public long Id { get; init; }
    public required string Destination { get; init; }
    public required string Reason { get; init; }
    public DateTimeOffset? VoidedAt { get; init; }
    public string? VoidReason { get; init; }
}

public sealed record ExaminationRecord
{
    public long VisitId { get; init; }
    public required string Rm { get; init; }
    public required string PatientName { get; init; }
    public required string Sex { get; init; }
    public DateOnly BirthDate { get; init; }
    public required string Poli { get; init; }
    public string? PoliName { get; init; }
    public string? QueueLabel { get; init; }
    public DateOnly VisitDate { get; init; }
    public required string VisitStatus { get; init; }
    /// <summary>False until the first save: complaint then comes from the registration desk.</summary>
    public bool Recorded { get; init; }
    public string? Complaint { get; init; }
    public string? History { get; init; }
    public required Vitals Vitals { get; init; }
    public string? PhysicalExam { get; init; }
    public required IReadOnlyList<DiagnosisView> Diagnoses { get; init; }
    public required IReadOnlyList<ProcedureView> Procedures { get; init; }
    public required IReadOnlyList<PrescriptionView> Prescriptions { get; init; }
    public ReferralView? Referral { get; init; }
    public string? Outcome { get; init; }
    public string? Clinician { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
}

public sealed record CaseSuggestion
{
    public required string Code { get; init; }
    public required string Category { get; init; }
    public required string Case { get; init; }
    /// <summary>The earlier visit this year with the same 3-character category, when there is one.</summary>
    public DateOnly? PreviousVisitDate { get; init; }
    public string? PreviousCode { get; init; }
    public required string Reason { get; init; }
}

public sealed record VoidInput
{
    public string? Reason { get; init; }
}

public sealed record AuditEntry
{
    public long Id { get; init; }
    public DateTimeOffset ChangedAt { get; init; }
    public required string ChangedBy { get; init; }
    public required string Entity { get; init; }
    public long? EntityId { get; init; }
    public required string Field { get; init; }
    public string? OldValue { get; init; }
    public string? NewValue { get; init; }
}

public sealed record WorklistEntry
{
    public long VisitId { get; init; }
    public int QueueNumber { get; init; }
    public required string Rm { get; init; }
    public required string PatientName { get; init; }
    public required string Sex { get; init; }
    public DateOnly BirthDate { get; init; }
    public required string Payer { get; init; }
    /// <summary>The payer's name ("BPJS Non-PBI").</summary>
    public string? PayerName { get; init; }
    /// <summary>The queue number with the poli's letter (<c>U-015</c>).</summary>
    public string? QueueLabel { get; init; }
    public string? Complaint { get; init; }
    public required string Status { get; init; }
    public required string VisitType { get; init; }
    public DateTimeOffset ArrivedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    /// <summary>Minutes from arrival to being called (or to now while still waiting).</summary>
    public int WaitingMinutes { get; init; }
    public string? PrimaryDiagnosis { get; init; }
}

public sealed record ClinicalVisit
{
    public long VisitId { get; init; }
    public DateOnly VisitDate { get; init; }
    public required string Poli { get; init; }
    public string? PoliName { get; init; }
    public required string Status { get; init; }
    public DateTimeOffset ArrivedAt { get; init; }
    public string? Complaint { get; init; }
    public Vitals? Vitals { get; init; }
    public string? PhysicalExam { get; init; }
    public string? Outcome { get; init; }
    /// <summary>The user name of who recorded the examination, and their full name ("dr. Andi Pratama").</summary>
    public string? Clinician { get; init; }
    public string? ClinicianName { get; init; }
    public required IReadOnlyList<DiagnosisView> Diagnoses { get; init; }
    public required IReadOnlyList<ProcedureView> Procedures { get; init; }
    public required IReadOnlyList<PrescriptionView> Prescriptions { get; init; }
    public required IReadOnlyList<ReferralView> Referrals { get; init; }
}

public sealed record ClinicalHistory
{
    public required string Rm { get; init; }
    public required string Name { get; init; }
    public required string Sex { get; init; }
    public DateOnly BirthDate { get; init; }
    public required IReadOnlyList<ClinicalVisit> Visits { get; init; }
}
