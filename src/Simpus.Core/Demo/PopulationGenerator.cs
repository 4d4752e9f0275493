using System.Globalization;
using Simpus.Core.Identity;

namespace Simpus.Core.Demo;

public sealed record GeneratedPatient(
    int FamilyIndex, int MemberNo, string Relation, string Name, string Sex, DateOnly BirthDate, string? Nik, string? BpjsNumber,
    string Address, string RegionCode, string Rt, string Rw, string? Phone, string DefaultPayer);

/// <summary>
/// Deterministic, realistic Indonesian families: names, NIKs consistent with birth date and sex (women +40), BPJS numbers,
/// villages of one kecamatan, payers in realistic shares. The same seed always gives the same people.
/// </summary>
public sealed class PopulationGenerator(int seed, DateOnly today, string regionKecamatan = "33.73.04")
{
    private static readonly string[] MaleFirst =
    [
        "Muhammad", "Mohamad", "Muhamad", "Ahmad", "Achmad", "Budi", "Agus", "Slamet", "Joko", "Djoko", "Bambang", "Sugeng", "Eko", "Dwi",
        "Rizki", "Rizky", "Fajar", "Andi", "Hendra", "Yusuf", "Abdul", "Arif", "Teguh", "Wahyu", "Dedi", "Heru", "Suparman", "Sutrisno",
        "Sukarno", "Soekarno", "Bayu", "Dimas", "Rudi", "Iwan", "Hadi", "Imam", "Nur", "Taufik", "Hasan", "Ilham", "Gilang", "Reza",
        "Aditya", "Yoga", "Galih", "Anton", "Wawan", "Tri", "Sigit", "Purnomo", "Saiful", "Syaiful", "Khoirul", "Lukman", "Ridwan",
    ];

    private static readonly string[] FemaleFirst =
    [
        "Siti", "Sri", "Dewi", "Nur", "Nurul", "Ani", "Wati", "Rina", "Yuni", "Sari", "Lestari", "Endang", "Sumiati", "Suminah",
        "Aminah", "Fatimah", "Khadijah", "Aisyah", "Ayu", "Putri", "Indah", "Fitri", "Rahmawati", "Dian", "Eka", "Ratna", "Wulan",
        "Tuti", "Yanti", "Lina", "Nining", "Mulyani", "Suparti", "Tri", "Dwi", "Kartini", "Puspita", "Anisa", "Annisa", "Nabila",
        "Zahra", "Intan", "Novi", "Maya", "Rini", "Umi", "Ning", "Heni", "Sity",
    ];

    private static readonly string[] MaleSecond =
    [
        "Santoso", "Wijaya", "Saputra", "Setiawan", "Hidayat", "Kurniawan", "Pratama", "Nugroho", "Susanto", "Prasetyo", "Wibowo",
        "Purnomo", "Hartono", "Rahman", "Hakim", "Maulana", "Ramadhan", "Firmansyah", "Gunawan", "Suryadi", "Syahputra", "Hermawan",
        "Sunarto", "Sutrisno", "Rizki", "Rizky", "Hidayatullah", "Effendi", "Siregar", "Nasution", "Harahap",
    ];

    private static readonly string[] FemaleSecond =
    [
        "Aminah", "Rahayu", "Wahyuni", "Handayani", "Lestari", "Safitri", "Kusuma", "Permata", "Utami", "Astuti", "Fitriani",
        "Sulistyowati", "Anggraini", "Hasanah", "Nurhayati", "Marlina", "Yuliana", "Kartika", "Pertiwi", "Rahmawati", "Susanti",
        "Wulandari", "Purwanti", "Setyaningsih", "Maryam", "Khotimah", "Siregar", "Nasution",
    ];

    private static readonly string[] Streets =
    [
        "Jl. Melati", "Jl. Mawar", "Jl. Kenanga", "Jl. Diponegoro", "Jl. Sudirman", "Jl. Kartini", "Jl. Imam Bonjol", "Gang Mangga",
        "Jl. Pahlawan", "Jl. Merdeka", "Dusun Krajan", "Dusun Ngasem", "Jl. Veteran", "Jl. Cempaka", "Perum Griya Asri",
    ];

    private readonly Random _random = new(seed);
    private readonly HashSet<string> _niks = [];
    private readonly HashSet<string> _bpjs = [];

    /// <summary>
    /// The villages of the demo kecamatan: its four kelurahan in the official list (for 33.73.04 Sidomukti, Kota Salatiga:
    /// Kecandran, Dukuh, Mangunsari, Kalicacing).
    /// </summary>
    public IReadOnlyList<string> Villages { get; } =
        Enumerable.Range(1, 4).Select(i => $"{regionKecamatan}.{1000 + i}").ToList();

    /// <summary>Generates about <paramref name="patients"/> people in families.</summary>
    public IEnumerable<GeneratedPatient> Generate(int patients)
    {
        var count = 0;
        for (var family = 0; count < patients; family++)
        {
            foreach (var p in Family(family))
            {
                yield return p;
                if (++count >= patients)
                {
                    yield break;
                }
            }
        }
    }

    private IEnumerable<GeneratedPatient> Family(int family)
    {
        var village = Villages[_random.Next(Villages.Count)];
        var address = $"{Streets[_random.Next(Streets.Length)]} No. {_random.Next(1, 120)}";
        var rt = _random.Next(1, 12).ToString("000", CultureInfo.InvariantCulture);
        var rw = _random.Next(1, 8).ToString("000", CultureInfo.InvariantCulture);
        var payer = Payer();
        var phone = _random.NextDouble() < 0.7 ? "08" + _random.NextInt64(1_000_000_000, 9_999_999_999).ToString(CultureInfo.InvariantCulture) : null;
        var surname = MaleSecond[_random.Next(MaleSecond.Length)];
        var member = 1;
        var kind = _random.NextDouble();
        if (kind < 0.12)
        {
            // An elderly person living alone, or a single young adult.
            var sex = _random.NextDouble() < 0.55 ? "P" : "L";
            var age = _random.NextDouble() < 0.6 ? _random.Next(60, 88) : _random.Next(18, 35);
            yield return Person(family, member, "kepala", sex, age, surname, village, address, rt, rw, phone, payer);
            yield break;
        }
        var headAge = _random.Next(24, 70);
        yield return Person(family, member++, "kepala", "L", headAge, surname, village, address, rt, rw, phone, payer);
        if (_random.NextDouble() < 0.9)
        {
            yield return Person(family, member++, "istri", "P", Math.Max(18, headAge - _random.Next(0, 8)), null, village, address, rt, rw, phone, payer);
        }
        var children = headAge < 30 ? _random.Next(0, 3) : _random.Next(0, 5);
        for (var i = 0; i < children; i++)
        {
            var maxAge = Math.Max(0, Math.Min(headAge - 20, 30));
            var childAge = _random.NextDouble() < 0.35 ? _random.Next(0, 6) : _random.Next(0, maxAge + 1);
            yield return Person(family, member++, "anak", _random.NextDouble() < 0.5 ? "L" : "P", childAge, surname, village, address, rt, rw, null, payer);
        }
        if (_random.NextDouble() < 0.1)
        {
            yield return Person(family, member, "orangtua", _random.NextDouble() < 0.6 ? "P" : "L", Math.Min(95, headAge + _random.Next(22, 32)), null, village, address, rt, rw, null, payer);
        }
    }

    private GeneratedPatient Person(int family, int member, string relation, string sex, int age, string? surname, string village,
        string address, string rt, string rw, string? phone, string payer)
    {
        var first = sex == "L" ? MaleFirst[_random.Next(MaleFirst.Length)] : FemaleFirst[_random.Next(FemaleFirst.Length)];
        // Most Indonesians carry no family name: a second given name, the father's name for some sons, or one word only.
        var second = sex == "L" ? MaleSecond[_random.Next(MaleSecond.Length)] : FemaleSecond[_random.Next(FemaleSecond.Length)];
        var r = _random.NextDouble();
        var name = r < 0.15 ? first
            : r < 0.35 && sex == "L" && surname is not null ? $"{first} {surname}"
            : r < 0.45 ? $"{first} {(sex == "L" ? MaleFirst : FemaleFirst)[_random.Next(sex == "L" ? MaleFirst.Length : FemaleFirst.Length)]} {second}"
            : $"{first} {second}";
        var birth = today.AddYears(-age).AddDays(-_random.Next(0, 365));
        if (birth > today)
        {
            birth = today;
        }
        var hasNik = age >= 1 || _random.NextDouble() < 0.5;
        var nik = hasNik ? MakeNik(village, birth, sex) : null;
        var bpjs = payer.StartsWith("bpjs", StringComparison.Ordinal) ? MakeBpjs() : null;
        return new GeneratedPatient(family, member, relation, name, sex, birth, nik, bpjs, address, village, rt, rw, phone, payer);
    }

    private string Payer()
    {
        var r = _random.NextDouble();
        return r switch
        {
            < 0.42 => "bpjs-pbi",
            < 0.70 => "bpjs-non-pbi",
            < 0.80 => "jamkesda",
            < 0.97 => "umum",
            _ => "gratis",
        };
    }

    private string MakeNik(string village, DateOnly birth, string sex)
    {
        var digits = village.Replace(".", "", StringComparison.Ordinal)[..6];
        var day = birth.Day + (sex == "P" ? 40 : 0);
        while (true)
        {
            var serial = _random.Next(1, 10000);
            var nik = string.Create(CultureInfo.InvariantCulture, $"{digits}{day:00}{birth.Month:00}{birth.Year % 100:00}{serial:0000}");
            if (_niks.Add(nik))
            {
                return nik;
            }
        }
    }

    private string MakeBpjs()
    {
        while (true)
        {
            var number = "000" + _random.NextInt64(1_000_000_000, 9_999_999_999).ToString(CultureInfo.InvariantCulture);
            if (_bpjs.Add(number))
            {
                return number;
            }
        }
    }

    /// <summary>Checks a generated NIK the way the desk would.</summary>
    public static bool IsConsistent(GeneratedPatient p) =>
        p.Nik is null || Nik.Validate(p.Nik, p.BirthDate, p.Sex == "L" ? Sex.L : Sex.P).Count == 0;
}
