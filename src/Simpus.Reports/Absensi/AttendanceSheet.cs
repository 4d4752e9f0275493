using ClosedXML.Excel;
using Simpus.Core.Attendance;
using Simpus.Reports.Workbook;

namespace Simpus.Reports.Absensi;

/// <summary>The staff attendance recap: one row per employee with the day grid and totals, then the totals per unit.</summary>
internal static class AttendanceSheet
{
    private static readonly string[] TotalHeads =
        ["Hari kerja", "H", "S", "I", "C", "DL", "TB", "TK", "TL", "PSW", "Menit terlambat", "Ketepatan waktu (%)"];

    /// <summary>
    /// Two parts side by side, each printed on pages of its own and readable (instead of 48 columns on one page at 3 pt):
    /// the day grid (No, Nama, days 1..n), then the totals (No, Nama again, the totals, NIP, Jabatan, Unit) with the
    /// totals per unit below them.
    /// </summary>
    public static void Write(XLWorkbook workbook, MonthlyReport report)
    {
        var h = report.Header;
        var days = DateTime.DaysInMonth(h.Year, h.Month);
        const int firstDay = 3;
        var lastDay = firstDay + days - 1;
        var part2 = lastDay + 1;             // No, Nama again
        var firstTotal = part2 + 2;
        var lastTotal = firstTotal + TotalHeads.Length - 1;
        var nipColumn = lastTotal + 1;
        var positionColumn = nipColumn + 1;
        var unitColumn = positionColumn + 1;
        const string title = "REKAPITULASI KEHADIRAN PEGAWAI";
        var ws = SheetKit.Sheet(workbook, "Absensi", title, h, lastDay);
        SheetKit.HeaderBlock(ws, part2, title + ": JUMLAH PER PEGAWAI DAN UNIT", h);
        var top = SheetKit.HeaderRows + 1;
        foreach (var first in new[] { 1, part2 })
        {
            ws.Cell(top, first).SetValue("No");
            ws.Cell(top, first + 1).SetValue("Nama");
        }
        for (var d = 1; d <= days; d++)
        {
            ws.Cell(top, firstDay + d - 1).Value = d;
        }
        for (var i = 0; i < TotalHeads.Length; i++)
        {
            ws.Cell(top, firstTotal + i).SetValue(TotalHeads[i]);
        }
        ws.Cell(top, nipColumn).SetValue("NIP");
        ws.Cell(top, positionColumn).SetValue("Jabatan");
        ws.Cell(top, unitColumn).SetValue("Unit");
        SheetKit.HeaderStyle(ws.Range(top, 1, top, lastDay));
        SheetKit.HeaderStyle(ws.Range(top, part2, top, unitColumn));
        var row = top + 1;
        var recap = report.Attendance;
        var employees = recap?.Employees ?? [];
        var no = 1;
        foreach (var e in employees)
        {
            foreach (var first in new[] { 1, part2 })
            {
                ws.Cell(row, first).Value = no;
                ws.Cell(row, first + 1).SetValue(e.Name);
            }
            no++;
            for (var d = 0; d < Math.Min(days, e.Days.Count); d++)
            {
                if (e.Days[d] is { } code)
                {
                    ws.Cell(row, firstDay + d).SetValue(code);
                }
            }
            Totals(ws, row, firstTotal, e.WorkingDays, e.Hadir, e.Sakit, e.Izin, e.Cuti, e.DinasLuar, e.TugasBelajar, e.TanpaKeterangan,
                e.Terlambat, e.PulangCepat, e.MinutesLate, e.PunctualityRate);
            ws.Cell(row, nipColumn).SetValue(e.Nip ?? "");
            ws.Cell(row, positionColumn).SetValue(e.Position);
            ws.Cell(row, unitColumn).SetValue(e.Unit);
            row++;
        }
        if (employees.Count == 0)
        {
            ws.Cell(row, 2).SetValue("Belum ada data kehadiran pegawai untuk bulan ini.");
            ws.Cell(row, 2).Style.Font.Italic = true;
            row++;
        }
        SheetKit.BodyStyle(ws.Range(top + 1, 1, row - 1, lastDay));
        SheetKit.BodyStyle(ws.Range(top + 1, part2, row - 1, unitColumn));
        ws.Range(top + 1, 1, row - 1, 1).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        ws.Range(top + 1, part2, row - 1, part2).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        var grid = ws.Range(top + 1, firstDay, row - 1, lastDay);
        grid.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        grid.Style.Alignment.WrapText = true;   // "TL2/PSW1" takes two lines instead of being cut
        grid.Style.Font.FontSize = 8;
        // The legend sits just above the grid (row 6), so it is repeated on every page of the grid.
        ws.Cell(top - 1, 1).SetValue("Kode: H hadir, TL terlambat, PSW pulang sebelum waktunya, S sakit, I izin, C cuti, DL dinas luar, TB tugas belajar, TK tanpa keterangan, L libur.");
        ws.Cell(top - 1, 1).Style.Font.Italic = true;
        row += 1;

        ws.Cell(row, part2).SetValue("Rekap per unit");
        ws.Cell(row, part2).Style.Font.Bold = true;
        row++;
        ws.Cell(row, part2 + 1).SetValue("Unit");
        for (var i = 0; i < TotalHeads.Length; i++)
        {
            ws.Cell(row, firstTotal + i).SetValue(TotalHeads[i]);
        }
        ws.Cell(row, nipColumn).SetValue("Jumlah pegawai");
        SheetKit.HeaderStyle(ws.Range(row, part2 + 1, row, nipColumn));
        row++;
        var firstUnit = row;
        var units = recap?.Units ?? [];
        foreach (var u in units)
        {
            ws.Cell(row, part2 + 1).SetValue(u.Unit);
            Totals(ws, row, firstTotal, u.WorkingDays, u.Hadir, u.Sakit, u.Izin, u.Cuti, u.DinasLuar, u.TugasBelajar, u.TanpaKeterangan,
                u.Terlambat, u.PulangCepat, u.MinutesLate, u.PunctualityRate);
            ws.Cell(row, nipColumn).Value = u.Employees;
            row++;
        }
        if (row > firstUnit)
        {
            SheetKit.BodyStyle(ws.Range(firstUnit, part2 + 1, row - 1, nipColumn));
        }
        ws.Cell(row, part2 + 1).SetValue("Jumlah");
        var present = units.Sum(u => u.Hadir);
        var onTime = units.Sum(u => u.Hadir * u.PunctualityRate / 100.0);
        Totals(ws, row, firstTotal, units.Sum(u => u.WorkingDays), present, units.Sum(u => u.Sakit), units.Sum(u => u.Izin),
            units.Sum(u => u.Cuti), units.Sum(u => u.DinasLuar), units.Sum(u => u.TugasBelajar), units.Sum(u => u.TanpaKeterangan),
            units.Sum(u => u.Terlambat), units.Sum(u => u.PulangCepat), units.Sum(u => u.MinutesLate), present == 0 ? null : onTime * 100.0 / present);
        ws.Cell(row, nipColumn).Value = units.Sum(u => u.Employees);
        SheetKit.TotalStyle(ws.Range(row, part2 + 1, row, nipColumn));
        var signatureRow = row + 1;

        foreach (var first in new[] { 1, part2 })
        {
            ws.Column(first).Width = 3;
            ws.Column(first + 1).Width = 21;
            ws.Column(first + 1).Style.Alignment.WrapText = true;
        }
        for (var c = firstDay; c <= lastDay; c++)
        {
            ws.Column(c).Width = 4;
        }
        for (var i = 0; i < TotalHeads.Length; i++)
        {
            ws.Column(firstTotal + i).Width = i >= TotalHeads.Length - 2 ? 9 : 5.5;
        }
        ws.Column(nipColumn).Width = 17;
        ws.Column(positionColumn).Width = 20;
        ws.Column(positionColumn).Style.Alignment.WrapText = true;
        ws.Column(unitColumn).Width = 14;
        ws.Cell(top - 1, 1).Style.Alignment.WrapText = false;
        // After the column styles: the position column wraps, the signature lines do not.
        SheetKit.Signature(ws, signatureRow, positionColumn, h);
        SheetKit.Finish(ws, top, new PrintLayout { RepeatRows = top, ColumnBreaksAfter = [lastDay] });
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
