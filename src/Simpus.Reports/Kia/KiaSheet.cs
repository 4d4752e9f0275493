using ClosedXML.Excel;
using Simpus.Reports.Workbook;

namespace Simpus.Reports.Kia;

/// <summary>LB3 KIA: the month, the year to date, the yearly sasaran, the PWS target and coverage.</summary>
internal static class KiaSheet
{
    public static void Write(XLWorkbook workbook, MonthlyReport report)
    {
        const int last = 10;
        var ws = SheetKit.Sheet(workbook, "KIA", "LAPORAN KIA, GIZI DAN IMUNISASI (PWS KIA)", report.Header, last);
        var top = SheetKit.HeaderRows + 1;
        string[] heads = ["No", "Indikator", "Sasaran", "Sasaran setahun", "Bulan ini", "S.d. bulan ini (kumulatif)",
            "Target PWS s.d. bulan ini (jumlah)", "Target PWS (%)", "Cakupan (%)", "Keterangan"];
        for (var i = 0; i < heads.Length; i++)
        {
            ws.Cell(top, i + 1).SetValue(heads[i]);
        }
        SheetKit.HeaderStyle(ws.Range(top, 1, top, last));
        var row = top + 1;
        var no = 1;
        foreach (var k in report.Kia.Indicators)
        {
            ws.Cell(row, 1).Value = no++;
            ws.Cell(row, 2).SetValue(k.Name);
            ws.Cell(row, 3).SetValue(k.SasaranName);
            SheetKit.Number(ws.Cell(row, 4), k.YearlyTarget, "#,##0");
            SheetKit.Number(ws.Cell(row, 5), k.Month);
            SheetKit.Number(ws.Cell(row, 6), k.YearToDate);
            SheetKit.Number(ws.Cell(row, 7), k.PwsTarget, "#,##0.0");
            SheetKit.Number(ws.Cell(row, 8), k.PwsTargetPercent, "0.0");
            SheetKit.Number(ws.Cell(row, 9), k.Coverage, "0.0");
            ws.Cell(row, 10).SetValue(Remark(k));
            row++;
        }
        SheetKit.BodyStyle(ws.Range(top + 1, 1, row - 1, last));
        ws.Range(top + 1, 2, row - 1, 2).Style.Alignment.WrapText = true;   // "K6 (≥ 6 kontak: ...)" takes two lines, never cut
        ws.Range(top + 1, 10, row - 1, 10).Style.Alignment.WrapText = true;
        ws.Range(top + 1, 1, row - 1, 1).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        var b = report.Kia.Boundaries;
        string[] notes =
        [
            $"Data belum lengkap: {report.Kia.UndatedK1} ibu hamil K1 akses bulan ini tanpa HPHT/usia kehamilan; dihitung di K1 akses saja sampai bidan melengkapinya.",
            $"Dihitung per kehamilan, pada bulan kehamilan itu pertama kali memenuhi indikator. Trimester 1: ≤ {b.Trimester1MaxWeeks} minggu, trimester 2: {b.Trimester1MaxWeeks + 1}–{b.Trimester2MaxWeeks} minggu, trimester 3: > {b.Trimester2MaxWeeks} minggu (usia kehamilan dari HPHT atau dari usia kehamilan pada kontak pertama).",
            "Pn: penolong dokter, bidan atau perawat. PF: di puskesmas, rumah sakit, klinik atau praktik mandiri bidan.",
            "Cakupan = kumulatif ÷ sasaran setahun × 100; target PWS = sasaran ÷ 12 × bulan ke-n. D/S = balita ditimbang bulan ini ÷ sasaran balita × 100.",
            "Sasaran kosong: belum diisi di pengaturan laporan (atau jumlah penduduk dan CBR), sehingga cakupan tidak dihitung.",
        ];
        for (var i = 0; i < notes.Length; i++)
        {
            ws.Cell(row + i, 2).SetValue(notes[i]);
        }
        ws.Range(row, 2, row + notes.Length - 1, 2).Style.Font.Italic = true;
        SheetKit.Signature(ws, row + notes.Length, 8, report.Header);
        SheetKit.Widths(ws, 5, 38, 13, 11, 10, 12, 13, 10, 10, 22);
        SheetKit.Finish(ws, top);
    }

    private static string Remark(KiaIndicator k)
    {
        if (k.Code == KiaIndicators.S)
        {
            return "";
        }
        if (k.Coverage is null)
        {
            return "Sasaran belum diisi";
        }
        if (k.PwsTargetPercent is { } target)
        {
            return k.Coverage >= target ? "Mencapai target" : "Di bawah target";
        }
        return "";
    }
}
