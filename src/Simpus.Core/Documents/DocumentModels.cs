using Simpus.Core.Examinations;

namespace Simpus.Core.Documents;

/// <summary>Who signs: the clinician's name, NIP and SIP (practice licence) from the user's profile.</summary>
public sealed record Signer(string Username, string Name, string? Nip, string? Sip);

public sealed record PatientLine
{
    public required string Rm { get; init; }
    public required string Name { get; init; }
    public required string Sex { get; init; }
    public DateOnly BirthDate { get; init; }
    /// <summary>Age at the document's date, e.g. "41 tahun", "7 bulan".</summary>
    public required string Age { get; init; }
    /// <summary>Street, house number, RT/RW as typed at the desk.</summary>
    public string? Address { get; init; }
    /// <summary>The desa/kelurahan with the names above it from the official list: "Kel. Kecandran, Kec. Sidomukti, Kota Salatiga".</summary>
    public string? Region { get; init; }
    public string? Nik { get; init; }
    public string? BpjsNumber { get; init; }
}

/// <summary>The patient card (kartu berobat): No. RM with its Code 128 barcode, name, birth date, address.</summary>
public sealed record CardDocument
{
    public required Letterhead Letterhead { get; init; }
    public required PatientLine Patient { get; init; }
    /// <summary>Exactly the text the barcode encodes (the No. RM): what the desk's search box receives from a scanner.</summary>
    public required string Barcode { get; init; }
}

public sealed record PrescriptionLine(string Drug, string Unit, double Quantity, string Dose, int? Days);

/// <summary>The prescription slip for the pharmacy.</summary>
public sealed record PrescriptionDocument
{
    public required Letterhead Letterhead { get; init; }
    public long VisitId { get; init; }
    public DateOnly VisitDate { get; init; }
    public required string Poli { get; init; }
    public required PatientLine Patient { get; init; }
    public double? Weight { get; init; }
    public string? Diagnosis { get; init; }
    public string? Allergies { get; init; }
    public required IReadOnlyList<PrescriptionLine> Items { get; init; }
    public required Signer Signer { get; init; }
    public required string Place { get; init; }
}

public sealed record DiagnosisLine(string Code, string Name, bool Primary);

/// <summary>
/// Everything a letter prints, frozen when it is issued (stored as JSON in <c>letters.content</c>): a reprint shows the
/// same number and the same text even after the record or the settings change.
/// </summary>
public sealed record LetterContent
{
    public required string Kind { get; init; }
    public required string Title { get; init; }
    /// <summary>Null in a draft (the number is allocated when the letter is issued).</summary>
    public string? Number { get; init; }
    public DateOnly Date { get; init; }
    public required string Place { get; init; }
    public required Letterhead Letterhead { get; init; }
    public required PatientLine Patient { get; init; }
    public long VisitId { get; init; }
    public DateOnly VisitDate { get; init; }
    public required string Poli { get; init; }
    public string? Complaint { get; init; }
    public string? History { get; init; }
    public string? PhysicalExam { get; init; }
    public required Vitals Vitals { get; init; }
    public required IReadOnlyList<DiagnosisLine> Diagnoses { get; init; }
    public required IReadOnlyList<string> Therapy { get; init; }
    public string? Destination { get; init; }
    public string? Reason { get; init; }
    public int? RestDays { get; init; }
    public DateOnly? RestFrom { get; init; }
    public DateOnly? RestTo { get; init; }
    public string? Purpose { get; init; }
    public string? Conclusion { get; init; }
    public required Signer Signer { get; init; }
}

/// <summary>What the clinician adds when issuing: days of rest (sakit), purpose and conclusion (sehat).</summary>
public sealed record LetterInput
{
    /// <summary>rujukan, sakit or sehat.</summary>
    public string? Kind { get; init; }
    /// <summary>Sick leave: days of rest, 1–30.</summary>
    public int? RestDays { get; init; }
    /// <summary>Sick leave: first day of rest (yyyy-MM-dd), default the visit date.</summary>
    public string? RestFrom { get; init; }
    /// <summary>Health certificate: what it is for, e.g. "melamar pekerjaan".</summary>
    public string? Purpose { get; init; }
    /// <summary>Health certificate: the conclusion, default "sehat".</summary>
    public string? Conclusion { get; init; }
}

/// <summary>An issued letter.</summary>
public sealed record Letter
{
    public long Id { get; init; }
    public required string Kind { get; init; }
    public required string Number { get; init; }
    public long VisitId { get; init; }
    public DateTimeOffset IssuedAt { get; init; }
    public required string IssuedBy { get; init; }
    public required LetterContent Content { get; init; }
}

/// <summary>One line of the print log.</summary>
public sealed record PrintLogEntry
{
    public long Id { get; init; }
    public DateTimeOffset PrintedAt { get; init; }
    public required string PrintedBy { get; init; }
    public required string Document { get; init; }
    public string? Rm { get; init; }
    public long? VisitId { get; init; }
    public long? LetterId { get; init; }
    public string? LetterNumber { get; init; }
}

public sealed record PrintInput
{
    /// <summary>kartu, resep, rujukan, sakit or sehat.</summary>
    public string? Document { get; init; }
    public string? Rm { get; init; }
    public long? VisitId { get; init; }
    public long? LetterId { get; init; }
}
