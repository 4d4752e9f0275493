namespace Simpus.Clinic.Hosting;

/// <summary>Authorization policies by role. Roles: admin, pendaftaran (registration desk), klinisi (clinician), kepala (head), farmasi (pharmacy).</summary>
public static class Policies
{
    public const string Admin = "admin";
    /// <summary>Registration desk work: registering patients and visits.</summary>
    public const string Desk = "desk";
    /// <summary>Clinical work at the poli.</summary>
    public const string Clinical = "clinical";
    /// <summary>The head's pages: reports, attendance recap.</summary>
    public const string Head = "head";
    /// <summary>Pharmacy work: dispensing, receipts, adjustments, stock opname.</summary>
    public const string Pharmacy = "pharmacy";
    /// <summary>Reading the pharmacy: worklist, stock, alerts, LPLPO, POR (also the head).</summary>
    public const string PharmacyView = "pharmacyView";
    /// <summary>Whether a drug is in stock, for whoever prescribes or dispenses.</summary>
    public const string StockView = "stockView";

    public static readonly IReadOnlyList<string> Roles = ["admin", "pendaftaran", "klinisi", "kepala", "farmasi"];
}
