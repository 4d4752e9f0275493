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
        ["KUNJUNGAN.UMUR"] = "Kunjungan per golongan umur",
        ["RUJUKAN"] = "Rujukan keluar",
        ["UGD"] = "Kunjungan gawat darurat",
        ["JAMINAN.PASIEN"] = "Pasien per jaminan",
        ["KIA.SASARAN"] = "Sasaran setahun",
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
