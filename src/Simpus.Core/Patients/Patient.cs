namespace Simpus.Core.Patients;

/// <summary>A patient as the API shows it.</summary>
public sealed record Patient
{
    public required string Rm { get; init; }
    public string? Nik { get; init; }
    public string? BpjsNumber { get; init; }
    public required string Name { get; init; }
    public required string Sex { get; init; }
    public DateOnly BirthDate { get; init; }
    public bool BirthDateEstimated { get; init; }
    public string? Address { get; init; }
    public string? RegionCode { get; init; }
    /// <summary>The desa/kelurahan with the names above it, from the official list ("Kel. Kecandran, Kec. Sidomukti, Kota Salatiga").</summary>
    public string? RegionName { get; init; }
    public string? Rt { get; init; }
    public string? Rw { get; init; }
    public string? Phone { get; init; }
    public required string DefaultPayer { get; init; }
    /// <summary>Why the desk kept a NIK whose date part disagrees with the birth date or sex (null when they agree).</summary>
    public string? NikMismatchReason { get; init; }
    public long FamilyNumber { get; init; }
    public string? FamilyHeadRm { get; init; }
    public string? FamilyHeadName { get; init; }
    public required string Relation { get; init; }
    public bool Voided { get; init; }
    public string? VoidReason { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    internal long Id { get; init; }
}

/// <summary>What the desk sends to register or correct a patient. Dates arrive as text so that a bad one is named, not a parse crash.</summary>
public sealed record PatientInput
{
    public string? Nik { get; init; }
    public string? BpjsNumber { get; init; }
    public string? Name { get; init; }
    public string? Sex { get; init; }
    public string? BirthDate { get; init; }
    /// <summary>Age when the birth date is unknown, in <see cref="EstimatedAgeUnit"/>; the birth date is then estimated and flagged.</summary>
    public int? EstimatedAge { get; init; }
    /// <summary><c>tahun</c> (default), <c>bulan</c> or <c>hari</c>: a baby brought as "3 bulan" is born 3 months before today.</summary>
    public string? EstimatedAgeUnit { get; init; }
    public string? Address { get; init; }
    public string? RegionCode { get; init; }
    public string? Rt { get; init; }
    public string? Rw { get; init; }
    public string? Phone { get; init; }
    public string? DefaultPayer { get; init; }
    /// <summary>The No. RM of any member of an existing family folder to join; empty starts a new family.</summary>
    public string? FamilyRm { get; init; }
    /// <summary>kepala, istri, suami, anak, orangtua, lainnya.</summary>
    public string? Relation { get; init; }
    /// <summary>When true, registration is refused (409) while similar patients exist, so the desk sees them first.</summary>
    public bool CheckDuplicates { get; init; }
    /// <summary>
    /// The desk's confirmation that a NIK whose date part disagrees with the birth date or sex is right (e.g. "tanggal lahir
    /// dikoreksi Dukcapil, NIK tidak diganti"); without it such a NIK is refused.
    /// </summary>
    public string? NikMismatchReason { get; init; }
}

public sealed record PatientHistoryEntry
{
    public DateTimeOffset ChangedAt { get; init; }
    public required string ChangedBy { get; init; }
    public required string Field { get; init; }
    public string? OldValue { get; init; }
    public string? NewValue { get; init; }
}

/// <summary>A possible duplicate shown to the desk before saving.</summary>
public sealed record DuplicateCandidate(string Rm, string Name, string Sex, DateOnly BirthDate, string? Nik, string? Address, double Score);

public static class Relations
{
    public static readonly IReadOnlyList<string> All = ["kepala", "istri", "suami", "anak", "orangtua", "lainnya"];
}
