using System.Globalization;
using Simpus.Core.Common;
using Simpus.Core.Settings;

namespace Simpus.Core.Pharmacy;

/// <summary>
/// What the pharmacy and its reports need beyond the catalogue: the expiry warning window, the LPLPO planning figures
/// (distribution period, lead time, safety share), the signing pharmacist, the usual supplier, and the POR definitions
/// (diagnosis codes and drug classes) with the guideline's defaults.
/// </summary>
public sealed record PharmacySettings
{
    public const int DefaultExpiryWindowMonths = 3;

    /// <summary>Batches expiring within this many months are shown as alerts.</summary>
    public int ExpiryWindowMonths { get; init; } = DefaultExpiryWindowMonths;

    /// <summary>Months between two deliveries from the warehouse (LPLPO monthly: 1).</summary>
    public decimal DistributionPeriodMonths { get; init; } = 1m;

    /// <summary>Months from the request to the delivery (waktu tunggu), e.g. 0.25 ≈ one week.</summary>
    public decimal LeadTimeMonths { get; init; } = 0.25m;

    /// <summary>Safety stock (stok penyangga) as a share of the stock for one distribution period, in percent.</summary>
    public decimal SafetySharePercent { get; init; } = 10m;

    /// <summary>The usual supplier, proposed on new receipts.</summary>
    public string? DefaultSource { get; init; }

    public string? PharmacistName { get; init; }

    public string? PharmacistNip { get; init; }

    /// <summary>ICD-10 codes of ISPA non-pneumonia: categories or codes, ranges allowed ("J00-J06").</summary>
    public string PorIspaCodes { get; init; } = PorDefaults.IspaCodes;

    /// <summary>ICD-10 codes of non-specific diarrhoea.</summary>
    public string PorDiarrheaCodes { get; init; } = PorDefaults.DiarrheaCodes;

    /// <summary>ICD-10 codes of myalgia.</summary>
    public string PorMyalgiaCodes { get; init; } = PorDefaults.MyalgiaCodes;

    /// <summary>Fornas classes that make a drug an antibiotic (the class starts with one of them, case-insensitive), comma separated.</summary>
    public string PorAntibioticClasses { get; init; } = PorDefaults.AntibioticClasses;

    /// <summary>Dosage forms that make a drug an injection (the drug's form contains one of them), comma separated.</summary>
    public string PorInjectionForms { get; init; } = PorDefaults.InjectionForms;

    /// <summary>Only cases whose every diagnosis belongs to the group count (the guideline's "diagnosis tunggal").</summary>
    public bool PorSingleDiagnosisOnly { get; init; } = true;
}

public static class PorDefaults
{
    public const string IspaCodes = "J00-J06";
    public const string DiarrheaCodes = "A09, K52.9";
    public const string MyalgiaCodes = "M79.1";
    public const string AntibioticClasses = "Antiinfeksi / Antibakteri";
    public const string InjectionForms = "injeksi";
}

/// <summary>Reads and writes <see cref="PharmacySettings"/> in the settings key/value table (keys <c>farmasi.*</c>).</summary>
public sealed class PharmacySettingsStore(SettingsStore settings)
{
    private const string Prefix = "farmasi.";

    public PharmacySettings Get()
    {
        var d = new PharmacySettings();
        return new PharmacySettings
        {
            ExpiryWindowMonths = Int("expiryWindowMonths") ?? d.ExpiryWindowMonths,
            DistributionPeriodMonths = Dec("distributionPeriodMonths") ?? d.DistributionPeriodMonths,
            LeadTimeMonths = Dec("leadTimeMonths") ?? d.LeadTimeMonths,
            SafetySharePercent = Dec("safetySharePercent") ?? d.SafetySharePercent,
            DefaultSource = Str("defaultSource"),
            PharmacistName = Str("pharmacistName"),
            PharmacistNip = Str("pharmacistNip"),
            PorIspaCodes = Str("por.ispa") ?? d.PorIspaCodes,
            PorDiarrheaCodes = Str("por.diare") ?? d.PorDiarrheaCodes,
            PorMyalgiaCodes = Str("por.myalgia") ?? d.PorMyalgiaCodes,
            PorAntibioticClasses = Str("por.antibiotik") ?? d.PorAntibioticClasses,
            PorInjectionForms = Str("por.injeksi") ?? d.PorInjectionForms,
            PorSingleDiagnosisOnly = Str("por.diagnosisTunggal") is not { } single || single == "1",
        };
    }

    /// <summary>Validates every field and saves them; nothing is saved when one is wrong.</summary>
    public PharmacySettings Save(PharmacySettings input)
    {
        var v = new Validation();
        if (input.ExpiryWindowMonths is < 1 or > 24)
        {
            v.Add("expiryWindowMonths", "expiryWindowMonths.range", "Batas peringatan kedaluwarsa harus 1–24 bulan.");
        }
        if (input.DistributionPeriodMonths is <= 0 or > 12)
        {
            v.Add("distributionPeriodMonths", "distributionPeriodMonths.range", "Periode distribusi harus lebih dari 0 dan paling lama 12 bulan.");
        }
        if (input.LeadTimeMonths is < 0 or > 6)
        {
            v.Add("leadTimeMonths", "leadTimeMonths.range", "Waktu tunggu harus 0–6 bulan (mis. 0,25 untuk seminggu).");
        }
        if (input.SafetySharePercent is < 0 or > 100)
        {
            v.Add("safetySharePercent", "safetySharePercent.range", "Stok penyangga harus 0–100 % dari stok kerja.");
        }
        CheckText(v, "defaultSource", input.DefaultSource, 100, "Sumber penerimaan");
        CheckText(v, "pharmacistName", input.PharmacistName, 100, "Nama pengelola obat");
        if (Text.Clean(input.PharmacistNip) is { } nip && (nip.Length != 18 || !Text.AllDigits(nip)))
        {
            v.Add("pharmacistNip", "pharmacistNip.invalid", "NIP harus 18 angka.");
        }
        CheckCodes(v, "porIspaCodes", input.PorIspaCodes);
        CheckCodes(v, "porDiarrheaCodes", input.PorDiarrheaCodes);
        CheckCodes(v, "porMyalgiaCodes", input.PorMyalgiaCodes);
        CheckList(v, "porAntibioticClasses", input.PorAntibioticClasses, "Kelas Fornas antibiotik");
        CheckList(v, "porInjectionForms", input.PorInjectionForms, "Bentuk sediaan injeksi");
        v.ThrowIfAny();

        var ci = CultureInfo.InvariantCulture;
        Put("expiryWindowMonths", input.ExpiryWindowMonths.ToString(ci));
        Put("distributionPeriodMonths", input.DistributionPeriodMonths.ToString(ci));
        Put("leadTimeMonths", input.LeadTimeMonths.ToString(ci));
        Put("safetySharePercent", input.SafetySharePercent.ToString(ci));
        Put("defaultSource", Text.Clean(input.DefaultSource) ?? "");
        Put("pharmacistName", Text.Clean(input.PharmacistName) ?? "");
        Put("pharmacistNip", Text.Clean(input.PharmacistNip) ?? "");
        Put("por.ispa", string.Join(", ", PorCodes.Parse(input.PorIspaCodes)));
        Put("por.diare", string.Join(", ", PorCodes.Parse(input.PorDiarrheaCodes)));
        Put("por.myalgia", string.Join(", ", PorCodes.Parse(input.PorMyalgiaCodes)));
        Put("por.antibiotik", string.Join(", ", PorCodes.List(input.PorAntibioticClasses)));
        Put("por.injeksi", string.Join(", ", PorCodes.List(input.PorInjectionForms)));
        Put("por.diagnosisTunggal", input.PorSingleDiagnosisOnly ? "1" : "0");
        return Get();
    }

    private static void CheckText(Validation v, string field, string? value, int max, string label)
    {
        if (Text.Clean(value) is { } s && (s.Length > max || s.Any(char.IsControl)))
        {
            v.Add(field, field + ".invalid", $"{label} paling panjang {max} karakter, tanpa karakter kendali.");
        }
    }

    private static void CheckCodes(Validation v, string field, string? value)
    {
        var error = value is null ? "Daftar kode ICD-10 wajib diisi."
            : value.Length > 500 ? "Daftar kode paling panjang 500 karakter."
            : PorCodes.TryParse(value, out var codes) ?? (codes.Count == 0 ? "Isi minimal satu kode ICD-10, mis. J00-J06 atau A09." : null);
        if (error is not null)
        {
            v.Add(field, field + ".invalid", error);
        }
    }

    private static void CheckList(Validation v, string field, string? value, string label)
    {
        if (value is null || value.Length > 500 || value.Any(char.IsControl) || PorCodes.List(value).Count == 0)
        {
            v.Add(field, field + ".invalid", $"{label}: isi minimal satu, dipisah koma (paling panjang 500 karakter).");
        }
    }

    private int? Int(string key) =>
        int.TryParse(settings.GetValue(Prefix + key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    private decimal? Dec(string key) =>
        decimal.TryParse(settings.GetValue(Prefix + key), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : null;

    private string? Str(string key) => Text.Clean(settings.GetValue(Prefix + key));

    private void Put(string key, string value) => settings.SetValue(Prefix + key, value);
}
