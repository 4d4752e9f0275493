using ClosedXML.Excel;
using Simpus.Reports.Absensi;
using Simpus.Reports.Farmasi;
using Simpus.Reports.Jaminan;
using Simpus.Reports.Kia;
using Simpus.Reports.Kunjungan;
using Simpus.Reports.Lb1;
using Simpus.Reports.Ringkasan;
using Simpus.Reports.WaktuTunggu;

namespace Simpus.Reports;

/// <summary>
/// Renders a <see cref="MonthlyReport"/> as one workbook: Ringkasan, LB1, 10 Besar, Kunjungan, Jaminan, KIA, Waktu Tunggu,
/// Absensi, LPLPO, POR. Numbers are numeric cells, header rows frozen, A4 landscape fit to width, column widths explicit.
/// </summary>
public static class MonthlyWorkbookWriter
{
    public static readonly IReadOnlyList<string> SheetNames = ["Ringkasan", "LB1", "10 Besar", "Kunjungan", "Jaminan", "KIA", "Waktu Tunggu", "Absensi", "LPLPO", "POR"];

    public static void Write(MonthlyReport report, Stream output, ReportLayout layout = ReportLayout.Standard, Action<string>? progress = null)
    {
        progress ??= _ => { };
        using var workbook = new XLWorkbook();
        workbook.Properties.Title = $"Laporan bulanan {report.Header.PuskesmasName} {report.Header.Period}";
        workbook.Properties.Author = "SIMPUS";
        progress("lembar Ringkasan");
        SummarySheet.Write(workbook, report);
        progress("lembar LB1");
        Lb1Sheet.Write(workbook, report, layout);
        progress("lembar 10 Besar");
        TopTenSheet.Write(workbook, report);
        progress("lembar Kunjungan");
        VisitSheet.Write(workbook, report);
        progress("lembar Jaminan");
        PayerSheet.Write(workbook, report);
        progress("lembar KIA");
        KiaSheet.Write(workbook, report);
        progress("lembar Waktu Tunggu");
        WaitingSheet.Write(workbook, report);
        progress("lembar Absensi");
        AttendanceSheet.Write(workbook, report);
        progress("lembar LPLPO");
        LplpoSheet.Write(workbook, report);
        progress("lembar POR");
        PorSheet.Write(workbook, report);
        progress("menyimpan");
        workbook.SaveAs(output);
    }

    /// <summary>Writes to a file through a temporary file, so a failed run never leaves half a workbook.</summary>
    public static void Save(MonthlyReport report, string path, ReportLayout layout = ReportLayout.Standard, Action<string>? progress = null)
    {
        var full = Path.GetFullPath(path);
        var temp = full + ".tmp";
        using (var stream = File.Create(temp))
        {
            Write(report, stream, layout, progress);
        }
        File.Move(temp, full, overwrite: true);
    }

    /// <summary>The download file name, e.g. <c>laporan-bulanan-P3373040101-2026-10.xlsx</c>.</summary>
    public static string FileName(ReportHeader header) =>
        $"laporan-bulanan-{header.PuskesmasCode}-{header.Year:0000}-{header.Month:00}.xlsx";
}
