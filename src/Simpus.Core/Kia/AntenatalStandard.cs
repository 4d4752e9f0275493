using System.Globalization;
using Simpus.Core.Settings;

namespace Simpus.Core.Kia;

/// <summary>
/// Trimester boundaries in completed weeks of gestation: trimester 1 up to <see cref="Trimester1MaxWeeks"/>, trimester 2
/// up to <see cref="Trimester2MaxWeeks"/>, trimester 3 after that (Buku KIA 2020: 12 and 24).
/// </summary>
public sealed record TrimesterBoundaries(int Trimester1MaxWeeks = TrimesterBoundaries.DefaultTrimester1, int Trimester2MaxWeeks = TrimesterBoundaries.DefaultTrimester2)
{
    public const int DefaultTrimester1 = 12;
    public const int DefaultTrimester2 = 24;

    public const string KeyTrimester1 = "kia.trimester1.maksMinggu";
    public const string KeyTrimester2 = "kia.trimester2.maksMinggu";

    public static readonly TrimesterBoundaries Default = new();

    public int Trimester(int week) => week <= Trimester1MaxWeeks ? 1 : week <= Trimester2MaxWeeks ? 2 : 3;

    /// <summary>The boundaries in the settings table (defaults 12 and 24 when not set or not sensible).</summary>
    public static TrimesterBoundaries From(SettingsStore settings)
    {
        var t1 = int.TryParse(settings.GetValue(KeyTrimester1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var a) ? a : DefaultTrimester1;
        var t2 = int.TryParse(settings.GetValue(KeyTrimester2), NumberStyles.Integer, CultureInfo.InvariantCulture, out var b) ? b : DefaultTrimester2;
        return IsValid(t1, t2) ? new TrimesterBoundaries(t1, t2) : Default;
    }

    public static bool IsValid(int t1, int t2) => t1 is >= 4 and <= 20 && t2 > t1 && t2 <= 36;
}

/// <summary>
/// How a pregnancy is dated: by the HPHT (first day of the last menstrual period), or by a gestational age in completed
/// weeks known on a date (usually the first contact). Neither: undated ("data belum lengkap").
/// </summary>
public sealed record PregnancyDating(DateOnly? Lmp, int? DatedWeek, DateOnly? DatedOn)
{
    public static readonly PregnancyDating None = new(null, null, null);

    /// <summary>The day gestation counts from: the HPHT, or the dated day minus the weeks known then.</summary>
    public DateOnly? Reference => Lmp ?? (DatedWeek is { } w && DatedOn is { } on ? on.AddDays(-7 * w) : null);

    public bool IsDated => Reference is not null;

    /// <summary>HPL (estimated date of delivery): Naegele, reference + 280 days.</summary>
    public DateOnly? Edd => Reference?.AddDays(280);

    /// <summary>Completed weeks of gestation on a date (null when undated).</summary>
    public int? WeekOn(DateOnly date) => Reference is { } r ? (int)Math.Floor((date.DayNumber - r.DayNumber) / 7.0) : null;

    /// <summary>Days beyond the completed weeks (0–6) on a date.</summary>
    public int? ExtraDaysOn(DateOnly date) => Reference is { } r ? ((date.DayNumber - r.DayNumber) % 7 + 7) % 7 : null;
}

/// <summary>One antenatal contact as the standard sees it: its date, the completed week (null when undated) and who gave it.</summary>
public sealed record AncContact(DateOnly Date, int? Week, string GivenBy)
{
    public bool ByDoctor => GivenBy == AncGivers.Doctor;
}

public static class AncGivers
{
    public const string Doctor = "dokter";
    public const string Midwife = "bidan";
    public static readonly IReadOnlyList<string> All = [Doctor, Midwife];
}

/// <summary>The dates a pregnancy first met each indicator (null: not met).</summary>
public sealed record AntenatalMilestones(DateOnly? K1Akses, DateOnly? K1Murni, DateOnly? K4, DateOnly? K6, bool Dated);

/// <summary>
/// The antenatal standard of Buku KIA 2020 / PMK 21/2021, counted per pregnancy and contact by contact (pure):
/// <list type="bullet">
/// <item>K1 akses: the first contact, at any gestational age (also for an undated pregnancy);</item>
/// <item>K1 murni: the first contact, in trimester 1;</item>
/// <item>K4: at least 4 contacts, at least 1 in trimester 1, 1 in trimester 2 and 2 in trimester 3;</item>
/// <item>K6: at least 6 contacts, at least 2 in trimester 1, 1 in trimester 2 and 3 in trimester 3, of which at least one
/// in trimester 1 and one in trimester 3 by a doctor.</item>
/// </list>
/// Each indicator is met on the date of the contact that completes it. An undated pregnancy meets K1 akses only.
/// </summary>
public static class AntenatalStandard
{
    public static AntenatalMilestones Evaluate(IEnumerable<AncContact> contacts, TrimesterBoundaries boundaries)
    {
        var ordered = contacts.OrderBy(c => c.Date).ToList();
        if (ordered.Count == 0)
        {
            return new AntenatalMilestones(null, null, null, null, false);
        }
        var first = ordered[0];
        var dated = ordered.All(c => c.Week is not null);
        if (!dated)
        {
            return new AntenatalMilestones(first.Date, null, null, null, false);
        }
        DateOnly? k1Murni = boundaries.Trimester(first.Week!.Value) == 1 ? first.Date : null;
        DateOnly? k4 = null, k6 = null;
        int total = 0, t1 = 0, t2 = 0, t3 = 0;
        bool doctorT1 = false, doctorT3 = false;
        foreach (var c in ordered)
        {
            total++;
            switch (boundaries.Trimester(c.Week!.Value))
            {
                case 1:
                    t1++;
                    doctorT1 |= c.ByDoctor;
                    break;
                case 2:
                    t2++;
                    break;
                default:
                    t3++;
                    doctorT3 |= c.ByDoctor;
                    break;
            }
            if (k4 is null && total >= 4 && t1 >= 1 && t2 >= 1 && t3 >= 2)
            {
                k4 = c.Date;
            }
            if (k6 is null && total >= 6 && t1 >= 2 && t2 >= 1 && t3 >= 3 && doctorT1 && doctorT3)
            {
                k6 = c.Date;
            }
        }
        return new AntenatalMilestones(first.Date, k1Murni, k4, k6, true);
    }
}

/// <summary>Where a delivery took place and who helped: Pn = a health worker helped, PF = in a health facility.</summary>
public static class DeliveryCodes
{
    public static readonly IReadOnlyList<string> Places = ["puskesmas", "rumah_sakit", "klinik", "pmb", "polindes", "rumah", "lainnya"];

    /// <summary>Health facilities (fasilitas pelayanan kesehatan) for PF: puskesmas, hospital, clinic, midwife's practice (PMB).</summary>
    public static readonly IReadOnlyList<string> Facilities = ["puskesmas", "rumah_sakit", "klinik", "pmb"];

    public static readonly IReadOnlyList<string> Helpers = ["dokter", "bidan", "perawat", "dukun", "keluarga", "lainnya"];

    /// <summary>Health workers for Pn: doctor, midwife, nurse.</summary>
    public static readonly IReadOnlyList<string> HealthWorkers = ["dokter", "bidan", "perawat"];
}
