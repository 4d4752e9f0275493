using Simpus.Core.Common;

namespace Simpus.Core.Identity;

public enum Sex
{
    L,
    P,
}

/// <summary>
/// NIK: 16 digits = province(2) kab/kota(2) kecamatan(2) + birth date DDMMYY (women add 40 to the day) + serial(4).
/// </summary>
public static class Nik
{
    /// <summary>Province codes (Kemendagri) a NIK may start with.</summary>
    public static readonly IReadOnlySet<string> ProvinceCodes = new HashSet<string>(
        ["11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35", "36",
         "51", "52", "53", "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76", "81", "82",
         "91", "92", "93", "94", "95", "96"]);

    /// <summary>
    /// Checks a NIK against the recorded birth date and sex. When the birth date is only estimated,
    /// its day and month are not compared (the year still must match within one year).
    /// </summary>
    public static IReadOnlyList<FieldError> Validate(string nik, DateOnly? birthDate, Sex? sex, bool birthDateEstimated = false, string field = "nik")
    {
        var errors = new List<FieldError>();
        if (nik.Length != 16 || !Text.AllDigits(nik))
        {
            errors.Add(new FieldError(field, "nik.format", "NIK harus 16 digit angka."));
            return errors;
        }
        if (!ProvinceCodes.Contains(nik[..2]))
        {
            errors.Add(new FieldError(field, "nik.province", $"Kode provinsi NIK '{nik[..2]}' tidak dikenal."));
        }
        if (nik[2..4] == "00" || nik[4..6] == "00")
        {
            errors.Add(new FieldError(field, "nik.region", "Kode kabupaten/kota atau kecamatan pada NIK tidak boleh 00."));
        }
        if (nik[12..] == "0000")
        {
            errors.Add(new FieldError(field, "nik.serial", "Nomor urut NIK tidak boleh 0000."));
        }
        var parts = DatePart(nik);
        if (parts is null)
        {
            errors.Add(new FieldError(field, "nik.date", "Bagian tanggal lahir pada NIK (digit 7–12) bukan tanggal yang sah."));
            return errors;
        }
        var (day, month, yy, female) = parts.Value;
        if (sex is { } s && (s == Sex.P) != female)
        {
            errors.Add(new FieldError(field, "nik.sex", female
                ? "NIK ini milik perempuan (tanggal lahir ditambah 40), tetapi jenis kelamin diisi laki-laki."
                : "NIK ini milik laki-laki, tetapi jenis kelamin diisi perempuan."));
        }
        if (birthDate is { } b)
        {
            var sameYear = b.Year % 100 == yy;
            var nearYear = Math.Abs(b.Year % 100 - yy) <= 1 || Math.Abs(b.Year % 100 - yy) == 99;
            var ok = birthDateEstimated ? nearYear : sameYear && b.Day == day && b.Month == month;
            if (!ok)
            {
                errors.Add(new FieldError(field, "nik.birthDate",
                    $"Tanggal lahir pada NIK ({day:00}-{month:00}-{yy:00}) tidak sama dengan tanggal lahir yang diisi ({b.Day:00}-{b.Month:00}-{b.Year})."));
            }
        }
        return errors;
    }

    public static bool IsValidFormat(string nik) => Validate(nik, null, null).Count == 0;

    /// <summary>The birth date encoded in a NIK, resolving the century so the date is not in the future.</summary>
    public static (DateOnly BirthDate, Sex Sex)? Decode(string nik, DateOnly today)
    {
        if (nik.Length != 16 || !Text.AllDigits(nik) || DatePart(nik) is not { } p)
        {
            return null;
        }
        var year = 2000 + p.Yy;
        if (new DateOnly(year, 1, 1) > today)
        {
            year -= 100;
        }
        if (!IsValidDate(year, p.Month, p.Day))
        {
            return null;
        }
        var date = new DateOnly(year, p.Month, p.Day);
        if (date > today)
        {
            date = date.AddYears(-100);
        }
        return (date, p.Female ? Sex.P : Sex.L);
    }

    private static (int Day, int Month, int Yy, bool Female)? DatePart(string nik)
    {
        var dd = (nik[6] - '0') * 10 + (nik[7] - '0');
        var mm = (nik[8] - '0') * 10 + (nik[9] - '0');
        var yy = (nik[10] - '0') * 10 + (nik[11] - '0');
        var female = dd > 40;
        var day = female ? dd - 40 : dd;
        if (mm is < 1 or > 12 || day is < 1 or > 31)
        {
            return null;
        }
        // Day must exist in that month in some year with those two digits (29 Feb needs a leap year).
        if (!IsValidDate(2000 + yy, mm, day) && !IsValidDate(1900 + yy, mm, day))
        {
            return null;
        }
        return (day, mm, yy, female);
    }

    private static bool IsValidDate(int year, int month, int day) => day <= DateTime.DaysInMonth(year, month);
}

/// <summary>BPJS Kesehatan card number: 13 digits.</summary>
public static class BpjsNumber
{
    public static FieldError? Validate(string value, string field = "bpjsNumber") =>
        value.Length == 13 && Text.AllDigits(value)
            ? null
            : new FieldError(field, "bpjsNumber.format", "Nomor kartu BPJS harus 13 digit angka.");
}

/// <summary>
/// Kemendagri region codes by shape: 33 (province), 33.73 (kab/kota), 33.73.04 (kecamatan), 33.73.04.1001 (desa/kelurahan;
/// village part 1xxx kelurahan, 2xxx desa, 3xxx desa adat). Whether a code exists is <see cref="Regions.RegionDirectory"/>'s job.
/// </summary>
public static class RegionCode
{
    public static string? Normalize(string? value)
    {
        var v = Text.Clean(value);
        if (v is null)
        {
            return null;
        }
        var digits = v.Replace(".", "", StringComparison.Ordinal);
        if (!Text.AllDigits(digits))
        {
            return v;
        }
        return digits.Length switch
        {
            2 => digits,
            4 => $"{digits[..2]}.{digits[2..4]}",
            6 => $"{digits[..2]}.{digits[2..4]}.{digits[4..6]}",
            10 => $"{digits[..2]}.{digits[2..4]}.{digits[4..6]}.{digits[6..]}",
            _ => v,
        };
    }

    /// <summary>Validates a code of the given level: 1 province, 2 kab/kota, 3 kecamatan, 4 desa/kelurahan.</summary>
    public static FieldError? Validate(string normalized, int level, string field)
    {
        var digits = normalized.Replace(".", "", StringComparison.Ordinal);
        var expected = level switch { 1 => 2, 2 => 4, 3 => 6, _ => 10 };
        var what = level switch { 1 => "provinsi", 2 => "kabupaten/kota", 3 => "kecamatan", _ => "desa/kelurahan" };
        var example = level switch { 1 => "33", 2 => "33.73", 3 => "33.73.04", _ => "33.73.04.1001" };
        if (digits.Length != expected || !Text.AllDigits(digits) || normalized != Normalize(digits))
        {
            return new FieldError(field, "region.format", $"Kode {what} harus {expected} digit, contoh {example}.");
        }
        if (!Nik.ProvinceCodes.Contains(digits[..2]))
        {
            return new FieldError(field, "region.province", $"Kode provinsi '{digits[..2]}' tidak dikenal.");
        }
        if (level == 4 && digits[6] is not ('1' or '2' or '3'))
        {
            return new FieldError(field, "region.village", "Kode desa/kelurahan harus diawali 1 (kelurahan), 2 (desa) atau 3 (desa adat) pada bagian desanya.");
        }
        return null;
    }
}
