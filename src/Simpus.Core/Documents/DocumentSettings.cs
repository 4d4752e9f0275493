using System.Globalization;
using System.Text.RegularExpressions;
using Simpus.Core.Common;
using Simpus.Core.Regions;
using Simpus.Core.Settings;

namespace Simpus.Core.Documents;

/// <summary>The letterhead (kop surat) of the puskesmas' letters: government, name, address, phone, email, an optional logo.</summary>
public sealed record Letterhead
{
    /// <summary>The puskesmas' kab/kota from the official region list, e.g. "Kota Salatiga", "Kabupaten Semarang".</summary>
    public string? KabKota { get; init; }
    /// <summary>
    /// The letterhead's first line, "PEMERINTAH KOTA SALATIGA" (above "DINAS KESEHATAN"); for the administrative kota and
    /// kabupaten of DKI Jakarta, which have no government of their own, the province's: "PEMERINTAH PROVINSI DAERAH KHUSUS IBUKOTA JAKARTA".
    /// </summary>
    public string? Government { get; init; }
    public string? Name { get; init; }
    public string? Address { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    /// <summary>True when a logo is stored (served at <c>/api/documents/logo</c>).</summary>
    public bool HasLogo { get; init; }
}

/// <summary>Letterhead and letter number formats, as the admin page edits them.</summary>
public sealed record DocumentSettings
{
    public required Letterhead Letterhead { get; init; }
    /// <summary>Number format per letter kind: rujukan, sakit, sehat.</summary>
    public required IReadOnlyDictionary<string, string> NumberFormats { get; init; }
}

/// <summary>
/// What the admin sends: every field; <c>logo</c> a data URL (PNG/JPEG, ≤ 200 KB), empty to remove, null to keep.
/// The kab/kota is not typed here: it is the puskesmas' own (<c>regionCode</c> in <c>/api/settings</c>).
/// </summary>
public sealed record DocumentSettingsInput
{
    public string? Name { get; init; }
    public string? Address { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public string? Logo { get; init; }
    public Dictionary<string, string?>? NumberFormats { get; init; }
}

/// <summary>
/// Reads and writes the document settings in the settings key/value table; the kab/kota of the letterhead is the name of the
/// puskesmas' kab/kota code in the official region list.
/// </summary>
public sealed partial class DocumentSettingsStore(SettingsStore settings, RegionDirectory regions)
{
    public const string KeyName = "kop.nama";
    public const string KeyAddress = "kop.alamat";
    public const string KeyPhone = "kop.telepon";
    public const string KeyEmail = "kop.email";
    public const string KeyLogo = "kop.logo";
    public const string KeyFormatPrefix = "surat.format.";
    /// <summary>The report settings' kab/kota name, used when the puskesmas' code is not in the region list.</summary>
    public const string KeyReportKabKota = "laporan.kabKota";
    public const int MaxLogoBytes = 200 * 1024;

    public static readonly IReadOnlyDictionary<string, string> DefaultFormats = new Dictionary<string, string>
    {
        [LetterKinds.Rujukan] = "445/{seq:000}/PKM-RJK/{month-roman}/{year}",
        [LetterKinds.Sakit] = "445/{seq:000}/PKM-SKS/{month-roman}/{year}",
        [LetterKinds.Sehat] = "445/{seq:000}/PKM-SKBS/{month-roman}/{year}",
    };

    public DocumentSettings Get()
    {
        var puskesmas = settings.Get();
        var kabKota = Text.Clean(regions.NameOf(puskesmas.RegionCode)) ?? Value(KeyReportKabKota);
        return new DocumentSettings
        {
            Letterhead = new Letterhead
            {
                KabKota = kabKota,
                Government = Government(puskesmas.RegionCode, kabKota),
                Name = Value(KeyName) ?? puskesmas.Name,
                Address = Value(KeyAddress),
                Phone = Value(KeyPhone),
                Email = Value(KeyEmail),
                HasLogo = Value(KeyLogo) is not null,
            },
            NumberFormats = LetterKinds.All.ToDictionary(k => k, k => Value(KeyFormatPrefix + k) ?? DefaultFormats[k]),
        };
    }

    /// <summary>The logo's bytes and content type, or null.</summary>
    public (byte[] Bytes, string ContentType)? Logo()
    {
        if (Value(KeyLogo) is not { } url)
        {
            return null;
        }
        var m = DataUrl().Match(url);
        return m.Success ? (Convert.FromBase64String(m.Groups[2].Value), m.Groups[1].Value) : null;
    }

    public DocumentSettings Save(DocumentSettingsInput input)
    {
        var v = new Validation();
        var texts = new (string Field, string Key, string? Value, int Max)[]
        {
            ("name", KeyName, input.Name, 100), ("address", KeyAddress, input.Address, 200),
            ("phone", KeyPhone, input.Phone, 40), ("email", KeyEmail, input.Email, 100),
        };
        foreach (var (field, _, value, max) in texts)
        {
            if (value is { } text && (text.Length > max || text.Any(char.IsControl)))
            {
                v.Add(field, field + ".invalid", $"Paling panjang {max} karakter, tanpa karakter kendali.");
            }
        }
        if (Text.Clean(input.Email) is { } email && !EmailShape().IsMatch(email))
        {
            v.Add("email", "email.invalid", "Alamat email tidak sah, contoh pkm.sukamaju@gmail.com.");
        }
        byte[]? logo = null;
        if (Text.Clean(input.Logo) is { } url)
        {
            var m = DataUrl().Match(url);
            if (!m.Success)
            {
                v.Add("logo", "logo.format", "Logo harus gambar PNG atau JPEG.");
            }
            else
            {
                try
                {
                    logo = Convert.FromBase64String(m.Groups[2].Value);
                }
                catch (FormatException)
                {
                    v.Add("logo", "logo.format", "Logo harus gambar PNG atau JPEG.");
                }
                if (logo is { Length: > MaxLogoBytes })
                {
                    v.Add("logo", "logo.tooLarge", "Logo paling besar 200 KB.");
                }
            }
        }
        var formats = new Dictionary<string, string>();
        foreach (var (kind, format) in input.NumberFormats ?? [])
        {
            if (!LetterKinds.All.Contains(kind))
            {
                v.Add("numberFormats", "numberFormats.kind", $"Jenis surat '{kind}' tidak dikenal (rujukan, sakit, sehat).");
                continue;
            }
            var text = Text.Clean(format) ?? DefaultFormats[kind];
            if (LetterNumbers.Validate(text) is { } error)
            {
                v.Add("numberFormats." + kind, "numberFormat.invalid", error);
            }
            formats[kind] = text;
        }
        v.ThrowIfAny();
        foreach (var (_, key, value, _) in texts)
        {
            settings.SetValue(key, Text.Clean(value) ?? "");
        }
        if (input.Logo is not null)
        {
            settings.SetValue(KeyLogo, Text.Clean(input.Logo) ?? "");
        }
        foreach (var (kind, format) in formats)
        {
            settings.SetValue(KeyFormatPrefix + kind, format);
        }
        return Get();
    }

    private string? Value(string key) => Text.Clean(settings.GetValue(key));

    /// <summary>"PEMERINTAH KOTA SALATIGA"; the province's government for Jakarta's administrative kota/kabupaten.</summary>
    private string? Government(string regionCode, string? kabKota)
    {
        if (kabKota is null)
        {
            return null;
        }
        if (kabKota.Contains("Administrasi", StringComparison.OrdinalIgnoreCase) && regionCode.Length >= 2
            && Text.Clean(regions.NameOf(regionCode[..2])) is { } province)
        {
            return ("Pemerintah Provinsi " + province).ToUpper(Cultures.Indonesian);
        }
        return ("Pemerintah " + kabKota).ToUpper(Cultures.Indonesian);
    }

    [GeneratedRegex(@"^data:(image/png|image/jpeg);base64,([A-Za-z0-9+/=]+)$")]
    private static partial Regex DataUrl();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailShape();
}

/// <summary>Letter kinds and their titles.</summary>
public static class LetterKinds
{
    public const string Rujukan = "rujukan";
    public const string Sakit = "sakit";
    public const string Sehat = "sehat";

    public static readonly IReadOnlyList<string> All = [Rujukan, Sakit, Sehat];

    public static string Title(string kind) => kind switch
    {
        Rujukan => "SURAT RUJUKAN",
        Sakit => "SURAT KETERANGAN SAKIT",
        _ => "SURAT KETERANGAN SEHAT",
    };
}

/// <summary>
/// Letter numbers from a format: <c>{seq}</c> (or <c>{seq:000}</c> zero-padded), <c>{month}</c>/<c>{month:00}</c>,
/// <c>{month-roman}</c> (I–XII), <c>{year}</c>; e.g. <c>445/{seq:000}/PKM-SKS/{month-roman}/{year}</c> → 445/007/PKM-SKS/XI/2026.
/// </summary>
public static partial class LetterNumbers
{
    private static readonly string[] Roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];

    public static string? Validate(string format)
    {
        if (format.Length > 80 || format.Any(char.IsControl))
        {
            return "Format nomor surat paling panjang 80 karakter.";
        }
        if (!Placeholder().Matches(format).Any(m => m.Groups[1].Value == "seq"))
        {
            return "Format nomor surat harus memuat {seq} (nomor urut), contoh 445/{seq:000}/PKM/{month-roman}/{year}.";
        }
        var rest = Placeholder().Replace(format, "");
        if (rest.Contains('{', StringComparison.Ordinal) || rest.Contains('}', StringComparison.Ordinal))
        {
            return "Kode yang dikenal: {seq}, {seq:000}, {month}, {month:00}, {month-roman}, {year}.";
        }
        return null;
    }

    public static string Format(string format, int seq, DateOnly date) => Placeholder().Replace(format, m =>
    {
        var pad = m.Groups[2].Success ? m.Groups[2].Value.Length : 0;
        return m.Groups[1].Value switch
        {
            "seq" => seq.ToString(new string('0', Math.Max(pad, 1)), CultureInfo.InvariantCulture),
            "month" => date.Month.ToString(new string('0', Math.Max(pad, 1)), CultureInfo.InvariantCulture),
            "month-roman" => Roman[date.Month - 1],
            _ => date.Year.ToString(CultureInfo.InvariantCulture),
        };
    });

    [GeneratedRegex(@"\{(seq|month|month-roman|year)(?::(0+))?\}")]
    private static partial Regex Placeholder();
}
