namespace Simpus.Core.Kia;

/// <summary>
/// An antenatal contact (kunjungan ANC) of the kohort ibu: who gave it and what was measured, and the pregnancy's data
/// (HPHT or the gestational age, gravida-para-abortus, risk factors), which are kept per pregnancy.
/// </summary>
public sealed record AntenatalInput
{
    /// <summary>Who gave the contact: <c>dokter</c> or <c>bidan</c> (K6 needs a doctor in trimester 1 and 3).</summary>
    public string? GivenBy { get; init; }
    /// <summary>HPHT (first day of the last menstrual period), yyyy-MM-dd; HPL and gestational age follow from it.</summary>
    public string? Lmp { get; init; }
    /// <summary>Gestational age in completed weeks at this contact, when the HPHT is not known (dates an undated pregnancy).</summary>
    public int? GestationalWeek { get; init; }
    /// <summary>Ignored: the ordinal is derived from the pregnancy's contacts (kept so older clients are not refused).</summary>
    public int? VisitNumber { get; init; }
    public int? Gravida { get; init; }
    public int? Para { get; init; }
    public int? Abortus { get; init; }
    /// <summary>Risk factors of the pregnancy.</summary>
    public List<string>? RiskFlags { get; init; }
    /// <summary>LILA (mid-upper arm circumference), cm.</summary>
    public double? Muac { get; init; }
    /// <summary>Haemoglobin, g/dL.</summary>
    public double? Hb { get; init; }
    /// <summary>TFU (fundal height), cm.</summary>
    public double? FundalHeight { get; init; }
    /// <summary>DJJ (fetal heart rate), beats per minute.</summary>
    public int? FetalHeartRate { get; init; }
    /// <summary>Presentation: kepala, bokong, lintang, belum (not yet palpable).</summary>
    public string? Presentation { get; init; }
    /// <summary>Tetanus-diphtheria immunisation status: T0–T5.</summary>
    public string? TdStatus { get; init; }
    /// <summary>Start a new pregnancy even though an earlier one is still open (e.g. it ended elsewhere without a record).</summary>
    public bool? NewPregnancy { get; init; }
}

public sealed record DeliveryInput
{
    public string? DeliveryDate { get; init; }
    /// <summary>puskesmas, rumah_sakit, klinik, pmb (praktik mandiri bidan), polindes, rumah, lainnya. PF = a health facility.</summary>
    public string? Place { get; init; }
    /// <summary>Who helped: dokter, bidan, perawat, dukun, keluarga, lainnya. Pn = a health worker.</summary>
    public string? Helper { get; init; }
    /// <summary>Attended by a health worker (Pn); derived from <see cref="Helper"/> when that is given.</summary>
    public bool? ByHealthWorker { get; init; }
}

public sealed record ImmunizationInput
{
    public string? Antigen { get; init; }
    public int? Dose { get; init; }
}

public sealed record GrowthInput
{
    public double? Weight { get; init; }
    public double? Height { get; init; }
}

/// <summary>The KIA part of a visit; PUT replaces it (what is left out is voided, never deleted).</summary>
public sealed record KiaInput
{
    public AntenatalInput? Antenatal { get; init; }
    public DeliveryInput? Delivery { get; init; }
    /// <summary>Postnatal visit of the mother: KF1–KF4.</summary>
    public int? Kf { get; init; }
    /// <summary>Neonatal visit of the baby: KN1 (6–48 h), KN2 (3–7 d), KN3 (8–28 d).</summary>
    public int? Kn { get; init; }
    public List<ImmunizationInput>? Immunizations { get; init; }
    public GrowthInput? Growth { get; init; }
}

/// <summary>The antenatal contact of this visit.</summary>
public sealed record AntenatalView
{
    public long Id { get; init; }
    public long PregnancyId { get; init; }
    public required string GivenBy { get; init; }
    /// <summary>Completed weeks of gestation at this visit; null while the pregnancy is undated.</summary>
    public int? GestationalWeek { get; init; }
    public int? Trimester { get; init; }
    /// <summary>Ordinal of this contact in the pregnancy (1 = first contact).</summary>
    public int VisitNumber { get; init; }
    public double? Muac { get; init; }
    public double? Hb { get; init; }
    public double? FundalHeight { get; init; }
    public int? FetalHeartRate { get; init; }
    public string? Presentation { get; init; }
    public string? TdStatus { get; init; }
    /// <summary>The pregnancy's risk factors.</summary>
    public required IReadOnlyList<string> RiskFlags { get; init; }
}

/// <summary>One contact of a pregnancy as the paper kohort ibu lists it.</summary>
public sealed record KohortContact
{
    public long VisitId { get; init; }
    public DateOnly Date { get; init; }
    public int? GestationalWeek { get; init; }
    public int? Trimester { get; init; }
    public int VisitNumber { get; init; }
    public required string GivenBy { get; init; }
    public string? GivenByName { get; init; }
    public double? Weight { get; init; }
    public int? Systolic { get; init; }
    public int? Diastolic { get; init; }
    public double? Muac { get; init; }
    public double? Hb { get; init; }
    public double? FundalHeight { get; init; }
    public int? FetalHeartRate { get; init; }
    public string? Presentation { get; init; }
    public string? TdStatus { get; init; }
}

/// <summary>A pregnancy (one episode of the kohort ibu) with its contacts so far and the indicators it has met.</summary>
public sealed record PregnancyView
{
    public long Id { get; init; }
    public DateOnly? Lmp { get; init; }
    /// <summary>HPL: HPHT + 280 days (or from the dated gestational age).</summary>
    public DateOnly? Edd { get; init; }
    public int? DatedWeek { get; init; }
    public DateOnly? DatedOn { get; init; }
    /// <summary>Gestational age (completed weeks and days) on the visit's date.</summary>
    public int? GestationalWeek { get; init; }
    public int? GestationalDays { get; init; }
    public int? Trimester { get; init; }
    /// <summary>False while neither HPHT nor gestational age is known ("data belum lengkap"): counted in K1 akses only.</summary>
    public bool Dated { get; init; }
    public int? Gravida { get; init; }
    public int? Para { get; init; }
    public int? Abortus { get; init; }
    public required IReadOnlyList<string> RiskFlags { get; init; }
    public DateOnly? EndedOn { get; init; }
    public string? EndKind { get; init; }
    public DateOnly? K1Akses { get; init; }
    public DateOnly? K1Murni { get; init; }
    public DateOnly? K4 { get; init; }
    public DateOnly? K6 { get; init; }
    public int Trimester1MaxWeeks { get; init; }
    public int Trimester2MaxWeeks { get; init; }
    public required IReadOnlyList<KohortContact> Contacts { get; init; }
}

public sealed record DeliveryView
{
    public long Id { get; init; }
    public DateOnly DeliveryDate { get; init; }
    public required string Place { get; init; }
    public string? Helper { get; init; }
    public bool ByHealthWorker { get; init; }
    /// <summary>PF: the place is a health facility.</summary>
    public bool InFacility { get; init; }
}

public sealed record ImmunizationView
{
    public long Id { get; init; }
    public required string Antigen { get; init; }
    public int Dose { get; init; }
    public DateOnly GivenDate { get; init; }
}

public sealed record GrowthView
{
    public double Weight { get; init; }
    public double? Height { get; init; }
}

public sealed record KiaRecord
{
    public long VisitId { get; init; }
    public AntenatalView? Antenatal { get; init; }
    public DeliveryView? Delivery { get; init; }
    public int? Kf { get; init; }
    public int? Kn { get; init; }
    public required IReadOnlyList<ImmunizationView> Immunizations { get; init; }
    public GrowthView? Growth { get; init; }
    /// <summary>What the next antenatal visit number of this pregnancy would be (for the form).</summary>
    public int SuggestedAntenatalVisitNumber { get; init; }
    /// <summary>The woman's pregnancy at this visit (the one this visit's contact belongs to, else the one still open), if any.</summary>
    public PregnancyView? Pregnancy { get; init; }
}

public static class KiaCodes
{
    public static IReadOnlyList<string> Places => DeliveryCodes.Places;

    public static readonly IReadOnlyList<string> Presentations = ["kepala", "bokong", "lintang", "belum"];

    public static readonly IReadOnlyList<string> TdStatuses = ["T0", "T1", "T2", "T3", "T4", "T5"];

    public static readonly IReadOnlyList<string> RiskFlags =
        ["anemia", "hipertensi", "kek", "usia_risiko", "jarak_dekat", "paritas_tinggi", "tinggi_badan_rendah", "riwayat_sc", "preeklamsia", "perdarahan",
         "infeksi", "diabetes", "hiv", "sifilis", "hepatitis_b", "riwayat_keguguran", "kelainan_letak", "gemeli", "lainnya"];

    /// <summary>Antigens of the national schedule (BIAN/imunisasi rutin lengkap) and for mothers (Td).</summary>
    public static readonly IReadOnlyList<string> Antigens =
        ["HB0", "BCG", "POLIO", "DPT-HB-HIB", "IPV", "PCV", "ROTAVIRUS", "CAMPAK-RUBELLA", "JE", "HPV", "DT", "TD"];
}
