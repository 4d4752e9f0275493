namespace Simpus.SatuSehat.Fhir;

/// <summary>
/// Everything about one finished visit that goes to SATUSEHAT, with the identities already resolved to SATUSEHAT ids.
/// Voided rows that were sent before are kept (<c>Voided</c>) so their resources are marked entered-in-error.
/// </summary>
public sealed record VisitRecord
{
    public long VisitId { get; init; }
    public required string OrganizationId { get; init; }
    public required string PatientId { get; init; }
    public required string PatientName { get; init; }
    public required string PractitionerId { get; init; }
    public required string PractitionerName { get; init; }
    public required string LocationId { get; init; }
    public required string LocationName { get; init; }
    public DateTimeOffset ArrivedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset FinishedAt { get; init; }
    /// <summary>When the examination (vital signs) was recorded.</summary>
    public DateTimeOffset? ExaminedAt { get; init; }
    public IReadOnlyList<VitalValue> Vitals { get; init; } = [];
    public IReadOnlyList<DiagnosisRow> Diagnoses { get; init; } = [];
    public IReadOnlyList<ProcedureRow> Procedures { get; init; } = [];
    public IReadOnlyList<PrescriptionRow> Prescriptions { get; init; } = [];
    /// <summary>SATUSEHAT ids of resources sent before, by local key (see <see cref="LocalKeys"/>).</summary>
    public IReadOnlyDictionary<string, string> KnownIds { get; init; } = new Dictionary<string, string>();
}

/// <summary>A vital sign; <c>Value</c> null means it was sent before and has since been removed from the record.</summary>
public sealed record VitalValue(VitalSign Sign, decimal? Value);

public sealed record DiagnosisRow(long Id, string Code, string Display, bool Primary, bool Voided);

public sealed record ProcedureRow(long Id, string Name, string? Code, bool Voided);

public sealed record PrescriptionRow(long Id, string DrugCode, string DrugName, string? KfaCode, string? KfaDisplay,
    string Dose, decimal Quantity, string Unit, int? Days, bool Voided);

/// <summary>Names of the rows a resource comes from, the keys under which SATUSEHAT's ids are kept.</summary>
public static class LocalKeys
{
    public const string Encounter = "encounter";

    public static string Condition(long diagnosisId) => $"condition:{diagnosisId}";

    public static string Observation(VitalSign sign) => $"observation:{sign.Loinc}";

    public static string Procedure(long id) => $"procedure:{id}";

    public static string Medication(long prescriptionId) => $"medication:{prescriptionId}";

    public static string MedicationRequest(long prescriptionId) => $"medicationrequest:{prescriptionId}";
}
