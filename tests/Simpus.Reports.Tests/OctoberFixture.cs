namespace Simpus.Reports.Tests;

/// <summary>
/// The hand-computed October 2026 of a small puskesmas (every expected number in the tests is worked out from this list):
/// <code>
/// pt sex born        visit (WIB)          poli   payer        dx                      age band
/// A  L   2026-10-01  10-08 08:00 +20/+10  anak   bpjs-pbi     A09 baru                 7 days  -> 0-7h
/// B  P   2026-09-30  10-08 08:00 +45/+15  anak   bpjs-pbi     A09 baru                 8 days  -> 8-28h
/// C  L   2026-09-10  10-08 08:10 +30/+10  anak   bpjs-pbi     J06.9 baru               28 days -> 8-28h
/// D  P   2026-09-09  10-08 08:15 (waits)  anak   bpjs-pbi     J06.9 baru               29 days -> 29h-1t
/// E  L   2025-10-08  10-08 09:00 +5       anak   bpjs-pbi     J06.9 baru               1st birthday -> 1-4
/// F  P   1966-10-20  10-20 08:00          lansia jamkesda     I10 baru + E11.9 lama    60th birthday -> 60-69; voided referral
/// G  P   1966-10-21  10-20 08:30          lansia umum         I10 kkl                  59 -> 55-59
/// H  L   1990-05-05  09-15 08:00          umum   bpjs-non-pbi (September: makes H's October visits lama)
///                    10-05 08:00          umum   bpjs-non-pbi J06.9 baru, K30 voided   36 -> 20-44; referral
///                    10-12 08:00          ugd    bpjs-non-pbi J06.9 lama + Z00.0 baru (not in icd10)
///                    10-14 08:00 cancelled umum  bpjs-non-pbi J06.9 baru (never counts)
/// I  P   2000-01-01  11-01 06:30 (= 10-31 23:30 UTC) umum     R50.9 baru (November locally: not in October)
/// </code>
/// </summary>
public static class OctoberFixture
{
    public static void Seed(ReportDatabase t)
    {
        var a = t.Patient("L", "2026-10-01", "Adi Saputra");
        var b = t.Patient("P", "2026-09-30", "Bunga Lestari");
        var c = t.Patient("L", "2026-09-10", "Candra Wijaya");
        var d = t.Patient("P", "2026-09-09", "Dewi Utami");
        var e = t.Patient("L", "2025-10-08", "Eko Prasetyo");
        var f = t.Patient("P", "1966-10-20", "Fatimah Rahayu");
        var g = t.Patient("P", "1966-10-21", "Gita Kartika");
        var h = t.Patient("L", "1990-05-05", "Hadi Santoso");
        var i = t.Patient("P", "2000-01-01", "Intan Permata");

        t.Diagnosis(t.Visit(a, "2026-10-08 08:00", "anak", "bpjs-pbi", 20, 10), "A09", "baru", primary: true);
        t.Diagnosis(t.Visit(b, "2026-10-08 08:00", "anak", "bpjs-pbi", 45, 15), "A09", "baru", primary: true);
        t.Diagnosis(t.Visit(c, "2026-10-08 08:10", "anak", "bpjs-pbi", 30, 10), "J06.9", "baru", primary: true);
        t.Diagnosis(t.Visit(d, "2026-10-08 08:15", "anak", "bpjs-pbi"), "J06.9", "baru", primary: true);
        t.Diagnosis(t.Visit(e, "2026-10-08 09:00", "anak", "bpjs-pbi", 5), "J06.9", "baru", primary: true);

        var fVisit = t.Visit(f, "2026-10-20 08:00", "lansia", "jamkesda");
        t.Diagnosis(fVisit, "I10", "baru", primary: true);
        t.Diagnosis(fVisit, "E11.9", "lama");
        t.Referral(fVisit, voided: true);
        t.Diagnosis(t.Visit(g, "2026-10-20 08:30", "lansia", "umum"), "I10", "kkl", primary: true);

        t.Visit(h, "2026-09-15 08:00", "umum", "bpjs-non-pbi", 10, 10);
        var h1 = t.Visit(h, "2026-10-05 08:00", "umum", "bpjs-non-pbi");
        t.Diagnosis(h1, "J06.9", "baru", primary: true);
        t.Diagnosis(h1, "K30", "baru", voided: true);
        t.Referral(h1);
        var h2 = t.Visit(h, "2026-10-12 08:00", "ugd", "bpjs-non-pbi");
        t.Diagnosis(h2, "J06.9", "lama", primary: true);
        t.DiagnosisWithoutCatalogue(h2, "Z00.0", "baru");
        var h3 = t.Visit(h, "2026-10-14 08:00", "umum", "bpjs-non-pbi");
        t.Diagnosis(h3, "J06.9", "baru", primary: true);
        t.Cancel(h3);

        t.Diagnosis(t.Visit(i, "2026-11-01 06:30", "umum", "umum"), "R50.9", "baru", primary: true);
    }
}
