using ClosedXML.Excel;
using Simpus.Reports.Absensi;
using Simpus.Reports.Jaminan;
using Simpus.Reports.Kia;
using Simpus.Reports.Kunjungan;
using Simpus.Reports.Lb1;
using Simpus.Reports.Ringkasan;
using Simpus.Reports.WaktuTunggu;

namespace Simpus.Reports;

/// <summary>
/// Renders a <see cref="MonthlyReport"/> as one workbook: Ringkasan, LB1, 10 Besar, Kunjungan, Jaminan, KIA, Waktu Tunggu,
/// Absensi. Numbers are numeric cells, header rows frozen, A4 landscape fit to width, column widths explicit.
/// </summary>
public static class MonthlyWorkbookWriter
{
    public static readonly IReadOnlyList<string> SheetNames = ["Ringkasan", "LB1", "10 Besar", "Kunjungan", "Jaminan", "KIA", "Waktu Tunggu", "Absensi"];

    public static void Write(MonthlyReport report, Stream output, ReportLayout layout = ReportLayout.Standard)
    {
        using var workbook = new XLWorkbook();
        workbook.Properties.Title = $"Laporan bulanan {report.Header.PuskesmasName} {report.Header.Period}";
        workbook.Properties.Author = "SIMPUS";
        SummarySheet.Write(workbook, report);
        Lb1Sheet.Write(workbook, report, layout);
        TopTenSheet.Write(workbook, report);
        VisitSheet.Write(workbook, report);
        PayerSheet.Write(workbook, report);
        KiaSheet.Write(workbook, report);
        WaitingSheet.Write(workbook, report);
        AttendanceSheet.Write(workbook, report);
        workbook.SaveAs(output);
    }

    /// <summary>Writes to a file through a temporary file, so a failed run never leaves half a workbook.</summary>
    public static void Save(MonthlyReport report, string path, ReportLayout layout = ReportLayout.Standard)
    {
        var full = Path.GetFullPath(path);
        var temp = full + ".tmp";
        using (var stream = File.Create(temp))
        {
            Write(report, stream, layout);
        }
        File.Move(temp, full, overwrite: true);
    }

    /// <summary>The download file name, e.g. <c>laporan-bulanan-P3373040101-2026-10.xlsx</c>.</summary>
    public static string FileName(ReportHeader header) =>
        $"laporan-bulanan-{header.PuskesmasCode}-{header.Year:0000}-{header.Month:00}.xlsx";
}
