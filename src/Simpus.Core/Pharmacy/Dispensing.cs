namespace Simpus.Core.Pharmacy;

public static class DispensingStatuses
{
    /// <summary>No line dispensed yet.</summary>
    public const string Waiting = "menunggu";
    /// <summary>Some lines dispensed.</summary>
    public const string Partial = "sebagian";
    /// <summary>Every line processed, not yet handed over.</summary>
    public const string Ready = "siap";
    public const string HandedOver = "diserahkan";
}

/// <summary>A prescription (the live prescription lines of one visit) on the apotek's worklist.</summary>
public sealed record DispensingWorkItem
{
    public long VisitId { get; init; }
    public int QueueNumber { get; init; }
    /// <summary>The queue number with the poli's letter, as the patient's ticket shows it: <c>U-015</c>.</summary>
    public required string QueueLabel { get; init; }
    public required string Rm { get; init; }
    public required string PatientName { get; init; }
    public required string Poli { get; init; }
    public required string PoliName { get; init; }
    public required string Payer { get; init; }
    public required string VisitStatus { get; init; }
    public DateTimeOffset PrescribedAt { get; init; }
    public string? Clinician { get; init; }
    public int Lines { get; init; }
    public int Processed { get; init; }
    /// <summary>Lines whose prescribed drug has less usable stock than prescribed (not yet processed).</summary>
    public int ShortLines { get; init; }
    public required string Status { get; init; }
    public DateTimeOffset? HandedOverAt { get; init; }
}

public sealed record DispensingView
{
    public long VisitId { get; init; }
    public required string Rm { get; init; }
    public required string PatientName { get; init; }
    public required string Sex { get; init; }
    public DateOnly BirthDate { get; init; }
    public required string Poli { get; init; }
    public required string PoliName { get; init; }
    public required string Payer { get; init; }
    public DateOnly VisitDate { get; init; }
    public required string VisitStatus { get; init; }
    public string? Clinician { get; init; }
    public IReadOnlyList<string> Diagnoses { get; init; } = [];
    public required string Status { get; init; }
    public DateTimeOffset? HandedOverAt { get; init; }
    public string? HandedOverBy { get; init; }
    public IReadOnlyList<DispensingLineView> Lines { get; init; } = [];
}

public sealed record DispensingLineView
{
    public long PrescriptionId { get; init; }
    public required string Drug { get; init; }
    public required string DrugName { get; init; }
    public required string Unit { get; init; }
    public required string Dose { get; init; }
    public double Quantity { get; init; }
    public int? Days { get; init; }
    /// <summary>The clinician voided this line after it was dispensed: it stays for the record.</summary>
    public bool PrescriptionVoided { get; init; }
    /// <summary>Usable stock of the prescribed drug now.</summary>
    public int Available { get; init; }
    public DispensedLine? Dispensed { get; init; }
}

public sealed record DispensedLine
{
    public long Id { get; init; }
    public required string Drug { get; init; }
    public required string DrugName { get; init; }
    public required string Unit { get; init; }
    public int Quantity { get; init; }
    public bool Substitute { get; init; }
    public string? Reason { get; init; }
    public DateOnly Date { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public IReadOnlyList<DispensedBatch> Batches { get; init; } = [];
}

public sealed record DispensedBatch(long BatchId, string Batch, DateOnly Expiry, int Quantity);

public sealed record DispenseInput
{
    /// <summary>Units given; the prescribed quantity (rounded up) when empty; 0 = not given (needs a reason).</summary>
    public int? Quantity { get; init; }
    /// <summary>A substitute drug code; the prescribed drug when empty.</summary>
    public string? Drug { get; init; }
    /// <summary>Why less than prescribed, or why a substitute.</summary>
    public string? Reason { get; init; }
}

public sealed record DispenseVoidInput
{
    public string? Reason { get; init; }
}
