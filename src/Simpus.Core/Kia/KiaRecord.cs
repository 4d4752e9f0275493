namespace Simpus.Core.Kia;

public sealed record AntenatalInput
{
    /// <summary>Gestational age in weeks (1–45).</summary>
    public int? GestationalWeek { get; init; }
    /// <summary>Ordinal of this antenatal contact in the pregnancy (1 = K1, 4 = K4, 6 = K6); suggested when empty.</summary>
    public int? VisitNumber { get; init; }
    public List<string>? RiskFlags { get; init; }
}

public sealed record DeliveryInput
{
    public string? DeliveryDate { get; init; }
    /// <summary>puskesmas, rumah_sakit, pmb (bidan praktik mandiri), rumah, lainnya.</summary>
    public string? Place { get; init; }
    /// <summary>Attended by a health worker (Pn).</summary>
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

public sealed record AntenatalView
{
    public long Id { get; init; }
    public int GestationalWeek { get; init; }
    public int VisitNumber { get; init; }
    public required IReadOnlyList<string> RiskFlags { get; init; }
}

public sealed record DeliveryView
{
    public long Id { get; init; }
    public DateOnly DeliveryDate { get; init; }
    public required string Place { get; init; }
    public bool ByHealthWorker { get; init; }
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
}

public static class KiaCodes
{
    public static readonly IReadOnlyList<string> Places = ["puskesmas", "rumah_sakit", "pmb", "rumah", "lainnya"];

    public static readonly IReadOnlyList<string> RiskFlags =
        ["anemia", "hipertensi", "kek", "usia_risiko", "jarak_dekat", "paritas_tinggi", "tinggi_badan_rendah", "riwayat_sc", "preeklamsia", "perdarahan", "infeksi", "lainnya"];

    /// <summary>Antigens of the national schedule (BIAN/imunisasi rutin lengkap) and for mothers (Td).</summary>
    public static readonly IReadOnlyList<string> Antigens =
        ["HB0", "BCG", "POLIO", "DPT-HB-HIB", "IPV", "PCV", "ROTAVIRUS", "CAMPAK-RUBELLA", "JE", "HPV", "DT", "TD"];
}
