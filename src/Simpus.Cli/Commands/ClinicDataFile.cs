using Microsoft.Data.Sqlite;
using Simpus.Core.Attendance;
using Simpus.Core.Data;
using Simpus.Core.Settings;
using Simpus.Reports;
using Simpus.Reports.Settings;

namespace Simpus.Cli.Commands;

/// <summary>
/// What the commands that read a clinic's database file share: finding the file in the data folder, checking the
/// output folder, turning an unreadable database into an exit code, and building the month's report from it.
/// </summary>
internal static class ClinicDataFile
{
    /// <summary>The clinic database file inside the data folder (as the clinic service names it).</summary>
    public const string DatabaseFile = "simpus.db";

    /// <summary>The district service's database file inside its data folder.</summary>
    public const string DistrictDatabaseFile = "simpus-dinkes.db";

    public static string FileOf(Simpus.Core.Backup.DatabaseProfile profile) =>
        profile == Simpus.Core.Backup.DatabaseProfile.District ? DistrictDatabaseFile : DatabaseFile;

    /// <summary>The database file and the full output path, or the exit code after telling the user what is missing.</summary>
    public static int? Locate(string dataDir, string outPath, CliConsole console, out string dbPath, out string outFull)
    {
        dbPath = Path.Combine(dataDir, DatabaseFile);
        outFull = Path.GetFullPath(outPath);
        if (!File.Exists(dbPath))
        {
            console.Error.WriteLine($"Basis data tidak ditemukan: {Path.GetFullPath(dbPath)}. Periksa --data (folder data SIMPUS).");
            return ExitCodes.NoData;
        }
        if (Path.GetDirectoryName(outFull) is { } outDir && !Directory.Exists(outDir))
        {
            console.Error.WriteLine($"Folder tujuan tidak ada: {outDir}");
            return ExitCodes.CannotWrite;
        }
        return null;
    }

    /// <summary>Runs the work on the opened database; a database SQLite cannot read answers <see cref="ExitCodes.NoData"/>.</summary>
    public static int Run(string dbPath, CliConsole console, Func<Database, int> work)
    {
        try
        {
            return work(new Database(dbPath));
        }
        catch (SqliteException e)
        {
            console.Error.WriteLine($"Basis data tidak dapat dibaca: {e.Message}");
            return ExitCodes.NoData;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    public static MonthlyReportBuilder ReportBuilder(Database db, SettingsStore settings, TimeProvider clock) =>
        new(db, settings, new ReportSettingsStore(settings), new AttendanceRecapService(db, settings, clock), clock);
}
