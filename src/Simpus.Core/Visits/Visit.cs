namespace Simpus.Core.Visits;

/// <summary>A visit (kunjungan) as the API shows it. Status follows FHIR Encounter: arrived, in-progress, finished, cancelled.</summary>
public sealed record Visit
{
    public long Id { get; init; }
    public required string Rm { get; init; }
    public required string PatientName { get; init; }
    public required string Sex { get; init; }
    public DateOnly BirthDate { get; init; }
    public required string Poli { get; init; }
    /// <summary>The poli's name ("Poli Gigi") and short name ("Gigi"), for people.</summary>
    public string? PoliName { get; init; }
    public string? PoliShortName { get; init; }
    public required string Payer { get; init; }
    /// <summary>The payer's name ("BPJS Non-PBI"), for people.</summary>
    public string? PayerName { get; init; }
    public string? Complaint { get; init; }
    public DateOnly VisitDate { get; init; }
    public int QueueNumber { get; init; }
    /// <summary>The queue number with the poli's letter, as printed and called: <c>G-003</c>.</summary>
    public string? QueueLabel { get; init; }
    public required string Status { get; init; }
    /// <summary>baru: the patient's first visit to the puskesmas this calendar year; lama: later ones.</summary>
    public required string VisitType { get; init; }
    public DateTimeOffset ArrivedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }
    public string? CancelReason { get; init; }
    public bool BackEntered { get; init; }
    public string? CreatedBy { get; init; }
}

public sealed record VisitInput
{
    public string? Rm { get; init; }
    public string? Poli { get; init; }
    public string? Payer { get; init; }
    public string? Complaint { get; init; }
    /// <summary>For visits written on paper while the system was down: the real arrival time (ISO 8601, never in the future).</summary>
    public string? ArrivedAt { get; init; }
}

public sealed record StatusInput
{
    public string? Status { get; init; }
    /// <summary>Optional real time of the change for back-entered visits (ISO 8601); default now.</summary>
    public string? At { get; init; }
    public string? Reason { get; init; }
}

public sealed record VisitStatusChange
{
    public required string Status { get; init; }
    public DateTimeOffset At { get; init; }
    public required string ChangedBy { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

public static class VisitStatuses
{
    public const string Arrived = "arrived";
    public const string InProgress = "in-progress";
    public const string Finished = "finished";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Arrived, InProgress, Finished, Cancelled];

    public static bool CanMove(string from, string to) => (from, to) switch
    {
        (Arrived, InProgress) => true,
        (Arrived, Cancelled) => true,
        (InProgress, Finished) => true,
        (InProgress, Cancelled) => true,
        _ => false,
    };
}
