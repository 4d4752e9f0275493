namespace Simpus.Core.Attendance;

/// <summary>
/// One month's attendance of every employee: the day grid with codes and the totals, per employee and per unit.
/// The head's recap page and the monthly report workbook both render this model.
/// </summary>
public sealed record AttendanceRecap(int Year, int Month, IReadOnlyList<EmployeeRecap> Employees, IReadOnlyList<UnitRecap> Units);

/// <summary>One employee's month.</summary>
/// <param name="Days">Index 0 = day 1 .. DaysInMonth-1: "H", "TL1".."TL4", "PSW1".."PSW4", "TL2/PSW1" when both,
/// "S", "I", "C", "DL", "TB", "TK"; "L" for a holiday or day off; null outside the employee's active period or after today.</param>
/// <param name="Hadir">Every present day (H, TL, PSW).</param>
/// <param name="PunctualityRate">Percentage (0–100) of present days that were neither late nor an early departure.</param>
public sealed record EmployeeRecap(string? Nip, string Name, string Position, string Unit,
    IReadOnlyList<string?> Days,
    int WorkingDays, int Hadir, int Sakit, int Izin, int Cuti, int DinasLuar, int TugasBelajar, int TanpaKeterangan,
    int Terlambat, int PulangCepat, int MinutesLate, double PunctualityRate);

/// <summary>The totals of one unit (sum over its employees; the rate over all their present days).</summary>
public sealed record UnitRecap(string Unit, int Employees, int WorkingDays, int Hadir, int Sakit, int Izin, int Cuti, int DinasLuar,
    int TugasBelajar, int TanpaKeterangan, int Terlambat, int PulangCepat, int MinutesLate, double PunctualityRate);
