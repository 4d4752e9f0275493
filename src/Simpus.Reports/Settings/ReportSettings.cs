using System.Globalization;
using Simpus.Core.Common;
using Simpus.Core.Kia;
using Simpus.Core.Settings;
using Simpus.Reports.Lb1;

namespace Simpus.Reports.Settings;

/// <summary>
/// What the reports need beyond the puskesmas identity: the yearly KIA sasaran (or the population figures to derive
/// them), the service-charter waiting-time target, the kab/kota name and the head who signs. Empty = not entered.
/// </summary>
public sealed record ReportSettings
{
    public int? SasaranBumil { get; init; }
    public int? SasaranBulin { get; init; }
    public int? SasaranBayi { get; init; }
    public int? SasaranBalita { get; init; }
    /// <summary>Population of the working area (jumlah penduduk), to derive missing sasaran.</summary>
    public int? Penduduk { get; init; }
    /// <summary>Crude birth rate per 1,000 population (e.g. 16.5).</summary>
    public decimal? Cbr { get; init; }
    public int WaitingTargetMinutes { get; init; } = ReportSettingsStore.DefaultWaitingTargetMinutes;
    public string? KabKotaName { get; init; }
    public string? HeadName { get; init; }
    public string? HeadNip { get; init; }
    /// <summary>Trimester 1 ends at this many completed weeks of gestation (default 12).</summary>
    public int Trimester1MaxWeeks { get; init; } = TrimesterBoundaries.DefaultTrimester1;
    /// <summary>Trimester 2 ends at this many completed weeks of gestation (default 24).</summary>
    public int Trimester2MaxWeeks { get; init; } = TrimesterBoundaries.DefaultTrimester2;
    /// <summary>ICD-10 chapters or ranges left out of the 10 besar penyakit, e.g. "Z00-Z99" (default) or "R, Z00-Z99".</summary>
    public string TopTenExcluded { get; init; } = CodeRanges.DefaultTopTenExcluded;

    [System.Text.Json.Serialization.JsonIgnore]
    public TrimesterBoundaries Trimesters => new(Trimester1MaxWeeks, Trimester2MaxWeeks);
    /// <summary>Paper the workbook prints on: <c>A4</c> (default) or <c>F4</c> (folio 215 × 330 mm).</summary>
    public string Paper { get; init; } = "A4";

    /// <summary>Expected live births a year, CBR × population, when both are entered.</summary>
    private decimal? Births => Penduduk is { } p && Cbr is { } cbr ? cbr / 1000m * p : null;

    /// <summary>Ibu hamil: entered, else 1.10 × CBR × population (DOMAIN.md), else unknown.</summary>
    public decimal? EffectiveBumil => SasaranBumil ?? Round(Births * 1.10m);

    /// <summary>Ibu bersalin: entered, else 1.05 × CBR × population, else unknown.</summary>
    public decimal? EffectiveBulin => SasaranBulin ?? Round(Births * 1.05m);

    /// <summary>Bayi (live births): entered, else CBR × population, else unknown.</summary>
    public decimal? EffectiveBayi => SasaranBayi ?? Round(Births);

    /// <summary>Balita: entered only (no standard derivation from the figures above).</summary>
    public decimal? EffectiveBalita => SasaranBalita;

    private static decimal? Round(decimal? value) => value is { } v ? Math.Round(v, 0, MidpointRounding.AwayFromZero) : null;
}

/// <summary>Reads and writes <see cref="ReportSettings"/> in the settings key/value table.</summary>
public sealed class ReportSettingsStore(SettingsStore settings)
{
    public const int DefaultWaitingTargetMinutes = 30;

    public const string KeySasaranBumil = "kia.sasaran.bumil";
    public const string KeySasaranBulin = "kia.sasaran.bulin";
    public const string KeySasaranBayi = "kia.sasaran.bayi";
    public const string KeySasaranBalita = "kia.sasaran.balita";
    public const string KeyPenduduk = "kia.penduduk";
    public const string KeyCbr = "kia.cbr";
    public const string KeyWaitingTarget = "waktuTunggu.targetMenit";
    public const string KeyKabKota = "laporan.kabKota";
    public const string KeyHeadName = "laporan.kepala.nama";
    public const string KeyHeadNip = "laporan.kepala.nip";
    public const string KeyTopTenExcluded = "laporan.sepuluhBesar.kecuali";
    public const string KeyPaper = "laporan.kertas";

    public ReportSettings Get() => new()
    {
        SasaranBumil = Int(KeySasaranBumil),
        SasaranBulin = Int(KeySasaranBulin),
        SasaranBayi = Int(KeySasaranBayi),
        SasaranBalita = Int(KeySasaranBalita),
        Penduduk = Int(KeyPenduduk),
        Cbr = decimal.TryParse(settings.GetValue(KeyCbr), NumberStyles.Number, CultureInfo.InvariantCulture, out var cbr) ? cbr : null,
        WaitingTargetMinutes = Int(KeyWaitingTarget) ?? DefaultWaitingTargetMinutes,
        KabKotaName = Text.Clean(settings.GetValue(KeyKabKota)),
        HeadName = Text.Clean(settings.GetValue(KeyHeadName)),
        HeadNip = Text.Clean(settings.GetValue(KeyHeadNip)),
        Trimester1MaxWeeks = TrimesterBoundaries.From(settings).Trimester1MaxWeeks,
        Trimester2MaxWeeks = TrimesterBoundaries.From(settings).Trimester2MaxWeeks,
        TopTenExcluded = settings.GetValue(KeyTopTenExcluded) is { } excluded ? CodeRanges.Display(excluded) : CodeRanges.DefaultTopTenExcluded,
        Paper = Text.Clean(settings.GetValue(KeyPaper))?.ToUpperInvariant() == "F4" ? "F4" : "A4",
    };

    /// <summary>Validates and saves every field; an empty optional field is stored as empty (= not entered).</summary>
    public ReportSettings Save(ReportSettings input)
    {
        var v = new Validation();
        CheckCount(v, "sasaranBumil", input.SasaranBumil);
        CheckCount(v, "sasaranBulin", input.SasaranBulin);
        CheckCount(v, "sasaranBayi", input.SasaranBayi);
        CheckCount(v, "sasaranBalita", input.SasaranBalita);
        CheckCount(v, "penduduk", input.Penduduk);
        if (input.Cbr is { } cbr && (cbr <= 0 || cbr > 60))
        {
            v.Add("cbr", "cbr.range", "Angka kelahiran kasar (CBR) per 1.000 penduduk harus antara 0 dan 60, contoh 16,5.");
        }
        if (input.WaitingTargetMinutes is < 1 or > 480)
        {
            v.Add("waitingTargetMinutes", "waitingTargetMinutes.range", "Target waktu tunggu harus 1–480 menit.");
        }
        if (input.KabKotaName is { Length: > 100 })
        {
            v.Add("kabKotaName", "kabKotaName.tooLong", "Nama kabupaten/kota paling panjang 100 karakter.");
        }
        if (input.HeadName is { Length: > 100 })
        {
            v.Add("headName", "headName.tooLong", "Nama kepala puskesmas paling panjang 100 karakter.");
        }
        if (Text.Clean(input.HeadNip) is { } nip && (nip.Replace(" ", "", StringComparison.Ordinal).Length != 18 || !nip.Replace(" ", "", StringComparison.Ordinal).All(char.IsAsciiDigit)))
        {
            v.Add("headNip", "headNip.invalid", "NIP harus 18 angka.");
        }
        if (!TrimesterBoundaries.IsValid(input.Trimester1MaxWeeks, input.Trimester2MaxWeeks))
        {
            v.Add("trimester1MaxWeeks", "trimester.range",
                "Batas trimester tidak masuk akal: trimester 1 sampai 4–20 minggu, trimester 2 sampai lebih dari itu dan paling lama 36 minggu (baku: 12 dan 24).");
        }
        if ((input.TopTenExcluded ?? "").Length > 100 || !CodeRanges.TryParse(input.TopTenExcluded, out _))
        {
            v.Add("topTenExcluded", "topTenExcluded.invalid",
                "Bab/kode yang dikecualikan dari 10 besar ditulis seperti Z00-Z99 atau R, Z00-Z99 (dipisah koma; kosong = tidak ada yang dikecualikan).");
        }
        var paper = Text.Clean(input.Paper)?.ToUpperInvariant() ?? "A4";
        if (paper is not ("A4" or "F4"))
        {
            v.Add("paper", "paper.invalid", "Ukuran kertas harus A4 atau F4.");
        }
        v.ThrowIfAny();
        Put(KeySasaranBumil, input.SasaranBumil);
        Put(KeySasaranBulin, input.SasaranBulin);
        Put(KeySasaranBayi, input.SasaranBayi);
        Put(KeySasaranBalita, input.SasaranBalita);
        Put(KeyPenduduk, input.Penduduk);
        settings.SetValue(KeyCbr, input.Cbr?.ToString(CultureInfo.InvariantCulture) ?? "");
        Put(KeyWaitingTarget, input.WaitingTargetMinutes);
        settings.SetValue(KeyKabKota, Text.Clean(input.KabKotaName) ?? "");
        settings.SetValue(KeyHeadName, Text.Clean(input.HeadName) ?? "");
        settings.SetValue(KeyHeadNip, Text.Clean(input.HeadNip)?.Replace(" ", "", StringComparison.Ordinal) ?? "");
        Put(TrimesterBoundaries.KeyTrimester1, input.Trimester1MaxWeeks);
        Put(TrimesterBoundaries.KeyTrimester2, input.Trimester2MaxWeeks);
        settings.SetValue(KeyTopTenExcluded, CodeRanges.Normalize(input.TopTenExcluded));
        settings.SetValue(KeyPaper, paper);
        return Get();
    }

    private int? Int(string key) =>
        int.TryParse(settings.GetValue(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private void Put(string key, int? value) => settings.SetValue(key, value?.ToString(CultureInfo.InvariantCulture) ?? "");

    private static void CheckCount(Validation v, string field, int? value)
    {
        if (value is < 0 or > 10_000_000)
        {
            v.Add(field, field + ".range", "Angka sasaran/penduduk harus 0 sampai 10.000.000.");
        }
    }
}
