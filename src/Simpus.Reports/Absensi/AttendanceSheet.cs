using ClosedXML.Excel;
using Simpus.Core.Attendance;
using Simpus.Reports.Workbook;

namespace Simpus.Reports.Absensi;

/// <summary>The staff attendance recap: one row per employee with the day grid and totals, then the totals per unit.</summary>
internal static class AttendanceSheet
{
    private static readonly string[] TotalHeads =
        ["Hari kerja", "H", "S", "I", "C", "DL", "TB", "TK", "TL", "PSW", "Menit terlambat", "Ketepatan waktu (%)"];

    public static void Write(XLWorkbook workbook, MonthlyReport report)
    {
        var h = report.Header;
        var days = DateTime.DaysInMonth(h.Year, h.Month);
        var firstTotal = 6 + days;
        var last = firstTotal + TotalHeads.Length - 1;
        var ws = SheetKit.Sheet(workbook, "Absensi", "REKAPITULASI KEHADIRAN PEGAWAI", h, last);
        var top = SheetKit.HeaderRows + 1;
        string[] heads = ["No", "NIP", "Nama", "Jabatan", "Unit"];
        for (var i = 0; i < heads.Length; i++)
        {
            ws.Cell(top, i + 1).SetValue(heads[i]);
        }
        for (var d = 1; d <= days; d++)
        {
            ws.Cell(top, 5 + d).Value = d;
        }
        for (var i = 0; i < TotalHeads.Length; i++)
        {
            ws.Cell(top, firstTotal + i).SetValue(TotalHeads[i]);
        }
        SheetKit.HeaderStyle(ws.Range(top, 1, top, last));
        var row = top + 1;
        var recap = report.Attendance;
        var employees = recap?.Employees ?? [];
        var no = 1;
        foreach (var e in employees)
        {
            ws.Cell(row, 1).Value = no++;
            ws.Cell(row, 2).SetValue(e.Nip ?? "");
            ws.Cell(row, 3).SetValue(e.Name);
            ws.Cell(row, 4).SetValue(e.Position);
            ws.Cell(row, 5).SetValue(e.Unit);
            for (var d = 0; d < Math.Min(days, e.Days.Count); d++)
            {
                if (e.Days[d] is { } code)
                {
                    ws.Cell(row, 6 + d).SetValue(code);
                }
            }
            Totals(ws, row, firstTotal, e.WorkingDays, e.Hadir, e.Sakit, e.Izin, e.Cuti, e.DinasLuar, e.TugasBelajar, e.TanpaKeterangan,
                e.Terlambat, e.PulangCepat, e.MinutesLate, e.PunctualityRate);
            row++;
        }
        if (employees.Count == 0)
        {
            ws.Cell(row, 3).SetValue("Belum ada data kehadiran pegawai untuk bulan ini.");
            ws.Cell(row, 3).Style.Font.Italic = true;
            row++;
        }
        SheetKit.BodyStyle(ws.Range(top + 1, 1, row - 1, last));
        ws.Range(top + 1, 6, row - 1, 5 + days).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        row++;

        SheetKit.SectionTitle(ws, row++, "Rekap per unit");
        ws.Cell(row, 3).SetValue("Unit");
        ws.Cell(row, 4).SetValue("Jumlah pegawai");
        for (var i = 0; i < TotalHeads.Length; i++)
        {
            ws.Cell(row, firstTotal + i).SetValue(TotalHeads[i]);
        }
        SheetKit.HeaderStyle(ws.Range(row, 3, row, 4));
        SheetKit.HeaderStyle(ws.Range(row, firstTotal, row, last));
        row++;
        var units = recap?.Units ?? [];
        foreach (var u in units)
        {
            ws.Cell(row, 3).SetValue(u.Unit);
            ws.Cell(row, 4).Value = u.Employees;
            Totals(ws, row, firstTotal, u.WorkingDays, u.Hadir, u.Sakit, u.Izin, u.Cuti, u.DinasLuar, u.TugasBelajar, u.TanpaKeterangan,
                u.Terlambat, u.PulangCepat, u.MinutesLate, u.PunctualityRate);
            row++;
        }
        ws.Cell(row, 3).SetValue("Jumlah");
        ws.Cell(row, 4).Value = units.Sum(u => u.Employees);
        var present = units.Sum(u => u.Hadir);
        var onTime = units.Sum(u => u.Hadir * u.PunctualityRate / 100.0);
        Totals(ws, row, firstTotal, units.Sum(u => u.WorkingDays), present, units.Sum(u => u.Sakit), units.Sum(u => u.Izin),
            units.Sum(u => u.Cuti), units.Sum(u => u.DinasLuar), units.Sum(u => u.TugasBelajar), units.Sum(u => u.TanpaKeterangan),
            units.Sum(u => u.Terlambat), units.Sum(u => u.PulangCepat), units.Sum(u => u.MinutesLate), present == 0 ? null : onTime * 100.0 / present);
        SheetKit.TotalStyle(ws.Range(row, 3, row, 4));
        SheetKit.TotalStyle(ws.Range(row, firstTotal, row, last));
        ws.Cell(row + 1, 3).SetValue("Kode: H hadir, TL terlambat, PSW pulang sebelum waktunya, S sakit, I izin, C cuti, DL dinas luar, TB tugas belajar, TK tanpa keterangan, L libur.");
        ws.Cell(row + 1, 3).Style.Font.Italic = true;
        SheetKit.Signature(ws, row + 2, Math.Max(6, last - 5), h);

        ws.Column(1).Width = 4;
        ws.Column(2).Width = 19;
        ws.Column(3).Width = 26;
        ws.Column(4).Width = 18;
        ws.Column(5).Width = 12;
        for (var d = 1; d <= days; d++)
        {
            ws.Column(5 + d).Width = 4.5;
        }
        for (var i = 0; i < TotalHeads.Length; i++)
        {
            ws.Column(firstTotal + i).Width = i >= TotalHeads.Length - 2 ? 10 : 6;
        }
        SheetKit.Finish(ws, top);
    }

    private static void Totals(IXLWorksheet ws, int row, int col, int working, int hadir, int sakit, int izin, int cuti, int dl, int tb, int tk,
        int tl, int psw, int minutesLate, double? punctuality)
    {
        int[] values = [working, hadir, sakit, izin, cuti, dl, tb, tk, tl, psw, minutesLate];
        for (var i = 0; i < values.Length; i++)
        {
            ws.Cell(row, col + i).Value = values[i];
        }
        if (punctuality is { } p && !double.IsNaN(p))
        {
            ws.Cell(row, col + values.Length).Value = Math.Round(p, 1);
            ws.Cell(row, col + values.Length).Style.NumberFormat.Format = "0.0";
        }
    }

}
