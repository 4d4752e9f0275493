using Simpus.Exchange;

namespace Simpus.District.Workbook;

/// <summary>Indonesian labels for the data elements of the package (README: "Dinas Kesehatan").</summary>
public static class Labels
{
    private static readonly Dictionary<string, string> Elements = new(StringComparer.Ordinal)
    {
        ["KUNJUNGAN"] = "Kunjungan",
        ["KUNJUNGAN.POLI"] = "Kunjungan per poli",
        ["KUNJUNGAN.PAYER"] = "Kunjungan per jenis pembayaran",
        ["KUNJUNGAN.MISKIN"] = "Kunjungan dengan jaminan penduduk miskin",
        ["KUNJUNGAN.UMUR"] = "Kunjungan per golongan umur",
        ["RUJUKAN"] = "Rujukan keluar",
        ["UGD"] = "Kunjungan gawat darurat",
        ["JAMINAN.PASIEN"] = "Pasien per jaminan",
        ["KIA.SASARAN"] = "Sasaran setahun",
        ["KIA.K1"] = "K1 akses (kontak pertama ibu hamil)",
        ["KIA.K1_MURNI"] = "K1 murni (kontak pertama pada trimester 1)",
        ["KIA.K4"] = "K4 (≥ 4 kontak: T1 ≥ 1, T2 ≥ 1, T3 ≥ 2)",
        ["KIA.K6"] = "K6 (≥ 6 kontak: T1 ≥ 2, T2 ≥ 1, T3 ≥ 3; dokter di T1 dan T3)",
        ["KIA.PN"] = "Pn (persalinan ditolong tenaga kesehatan)",
        ["KIA.PF"] = "PF (persalinan di fasilitas kesehatan)",
        ["KIA.KF_LENGKAP"] = "KF lengkap (nifas KF1–KF4)",
        ["KIA.KN1"] = "KN1 (neonatus 6–48 jam)",
        ["KIA.KN_LENGKAP"] = "KN lengkap (KN1–KN3)",
        ["KIA.IDL"] = "Imunisasi dasar lengkap",
        ["KIA.D"] = "Balita ditimbang (D)",
        ["KIA.S"] = "Balita yang ada (S)",
        ["TUNGGU.KUNJUNGAN"] = "Kunjungan diperiksa",
        ["TUNGGU.DALAM_TARGET"] = "Kunjungan dalam target waktu tunggu",
        ["ABSENSI.PEGAWAI"] = "Jumlah pegawai",
        ["ABSENSI.HARI_KERJA"] = "Hari kerja",
        ["ABSENSI.HADIR"] = "Hadir (H)",
        ["ABSENSI.SAKIT"] = "Sakit (S)",
        ["ABSENSI.IZIN"] = "Izin (I)",
        ["ABSENSI.CUTI"] = "Cuti (C)",
        ["ABSENSI.DL"] = "Dinas luar (DL)",
        ["ABSENSI.TB"] = "Tugas belajar (TB)",
        ["ABSENSI.TK"] = "Tanpa keterangan (TK)",
        ["ABSENSI.TL"] = "Terlambat (TL)",
        ["ABSENSI.PSW"] = "Pulang sebelum waktunya (PSW)",
        ["ABSENSI.MENIT_TL"] = "Menit terlambat",
    };

    /// <summary>The short name of a KIA indicator code as the ranking shows it: "K1 murni", "PF".</summary>
    public static string KiaIndicator(string code) => code switch
    {
        "K1" => "K1 akses",
        "K1_MURNI" => "K1 murni",
        "PN" => "Pn",
        "PF" => "PF",
        "KF_LENGKAP" => "KF lengkap",
        "KN_LENGKAP" => "KN lengkap",
        _ => code,
    };

    public static string Element(string element) =>
        Elements.TryGetValue(element, out var label) ? label
        : element.StartsWith("KIA.", StringComparison.Ordinal) ? "Capaian " + element[4..]
        : element;

    /// <summary>E.g. "Kunjungan: baru, L".</summary>
    public static string Describe(string element, string disaggregation)
    {
        var parts = PackageValue.ParseKey(disaggregation);
        return parts.Count == 0 ? Element(element) : Element(element) + ": " + string.Join(", ", parts.Values);
    }
}
