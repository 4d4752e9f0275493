using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Simpus.Core.Attendance;
using Simpus.Core.Data;
using Simpus.Core.Patients;
using Simpus.Core.Settings;
using Simpus.Core.Visits;
using Simpus.Reports;
using Simpus.Reports.Settings;

namespace Simpus.Reports.Tests;

/// <summary>A fixed clock: "now" is what the test says.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}

/// <summary>
/// A real, migrated SQLite file in a temp folder; patients and visits go through PatientService and VisitService,
/// clinical rows (diagnoses, referrals, KIA) as plain INSERTs. Times are WIB (+07:00).
/// </summary>
public sealed class ReportDatabase : IDisposable
{
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 10, 9, 0, 0, TimeSpan.FromHours(7));

    public ReportDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "simpus-tests", $"reports-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Folder);
        File.Copy(Template.Value, Path.Combine(Folder, "simpus.db"));
        Db = new Database(Path.Combine(Folder, "simpus.db"));
        Clock = new FixedClock(DefaultNow);
        Settings = new SettingsStore(Db);
        Settings.Save(new PuskesmasSettings { Code = "P3373040101", Name = "Puskesmas Uji", RegionCode = "33.73", TimeZone = "WIB" });
        ReportSettings = new ReportSettingsStore(Settings);
        Patients = new PatientService(Db, Settings, Clock);
        Visits = new VisitService(Db, Patients, Settings, Clock);
        using var c = Db.Open();
        c.Execute("""
            INSERT OR IGNORE INTO icd10 (code, name_id, category) VALUES
              ('A09', 'Diare dan gastroenteritis', 'A09'),
              ('E11.9', 'Diabetes melitus tipe 2', 'E11'),
              ('I10', 'Hipertensi esensial', 'I10'),
              ('J06.9', 'ISPA akut', 'J06'),
              ('K30', 'Dispepsia', 'K30'),
              ('R50.9', 'Demam', 'R50')
            """);
    }

    /// <summary>Migrated once per run with the region list loaded; every test copies it.</summary>
    private static readonly Lazy<string> Template = new(() =>
    {
        var folder = Path.Combine(Path.GetTempPath(), "simpus-tests", $"reports-template-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var db = new Database(Path.Combine(folder, "template.db"));
        Migrator.ForClinic(db).MigrateUp();
        new Simpus.Core.Regions.RegionDirectory(db).EnsureLoaded();
        using (var c = db.Open())
        {
            c.Execute("PRAGMA wal_checkpoint(TRUNCATE);");
        }
        SqliteConnection.ClearAllPools();
        return db.FilePath;
    });

    public string Folder { get; }

    public Database Db { get; }

    public FixedClock Clock { get; }

    public SettingsStore Settings { get; }

    public ReportSettingsStore ReportSettings { get; }

    public PatientService Patients { get; }

    public VisitService Visits { get; }

    public string Patient(string sex, string birthDate, string name = "Ani Lestari") =>
        Patients.Register(new PatientInput { Name = name, Sex = sex, BirthDate = birthDate }, "uji").Rm;

    /// <summary>Registers a visit arriving at a WIB local time ("2026-10-08 08:00"), optionally started/finished some minutes later.</summary>
    public long Visit(string rm, string arrivedLocal, string poli = "umum", string payer = "bpjs-pbi", int? startAfter = null, int? finishAfter = null)
    {
        var arrived = Local(arrivedLocal);
        var visit = Visits.Register(new VisitInput { Rm = rm, Poli = poli, Payer = payer, ArrivedAt = arrived.ToString("O", CultureInfo.InvariantCulture) }, "uji");
        if (startAfter is { } s)
        {
            Visits.ChangeStatus(visit.Id, new StatusInput { Status = "in-progress", At = arrived.AddMinutes(s).ToString("O", CultureInfo.InvariantCulture) }, "uji");
            if (finishAfter is { } f)
            {
                Visits.ChangeStatus(visit.Id, new StatusInput { Status = "finished", At = arrived.AddMinutes(s + f).ToString("O", CultureInfo.InvariantCulture) }, "uji");
            }
        }
        return visit.Id;
    }

    public void Cancel(long visitId) =>
        Visits.ChangeStatus(visitId, new StatusInput { Status = "cancelled", Reason = "salah daftar" }, "uji");

    public long Diagnosis(long visitId, string code, string caseType, bool primary = false, bool voided = false)
    {
        using var c = Db.Open();
        if (!primary || voided)
        {
            primary = false;
        }
        return c.ExecuteScalar<long>("""
            INSERT INTO diagnoses (visit_id, code, is_primary, case_type, created_at, created_by, voided_at, voided_by, void_reason)
            VALUES (@visitId, @code, @primary, @caseType, '2026-10-01T00:00:00.000Z', 'uji',
                    CASE WHEN @voided THEN '2026-10-02T00:00:00.000Z' END, CASE WHEN @voided THEN 'uji' END, CASE WHEN @voided THEN 'salah kode' END)
            RETURNING id
            """, new { visitId, code, primary, caseType, voided });
    }

    /// <summary>A diagnosis whose code is not in the icd10 table (a catalogue gap): inserted with foreign keys off.</summary>
    public void DiagnosisWithoutCatalogue(long visitId, string code, string caseType)
    {
        using var c = new SqliteConnection($"Data Source={Db.FilePath};Foreign Keys=False");
        c.Open();
        c.Execute("""
            INSERT INTO diagnoses (visit_id, code, is_primary, case_type, created_at, created_by)
            VALUES (@visitId, @code, 0, @caseType, '2026-10-01T00:00:00.000Z', 'uji')
            """, new { visitId, code, caseType });
    }

    public void VoidDiagnosis(long id)
    {
        using var c = Db.Open();
        c.Execute("UPDATE diagnoses SET voided_at = '2026-11-01T00:00:00.000Z', voided_by = 'uji', void_reason = 'koreksi' WHERE id = @id", new { id });
    }

    public void Referral(long visitId, bool voided = false)
    {
        using var c = Db.Open();
        c.Execute("""
            INSERT INTO referrals (visit_id, destination, reason, created_at, created_by, voided_at, voided_by, void_reason)
            VALUES (@visitId, 'RSUD', 'rujukan', '2026-10-01T00:00:00.000Z', 'uji',
                    CASE WHEN @voided THEN '2026-10-02T00:00:00.000Z' END, CASE WHEN @voided THEN 'uji' END, CASE WHEN @voided THEN 'salah' END)
            """, new { visitId, voided });
    }

    public void Sql(string sql, object? args = null)
    {
        using var c = Db.Open();
        c.Execute(sql, args);
    }

    public long PatientId(string rm)
    {
        using var c = Db.Open();
        return c.ExecuteScalar<long>("SELECT id FROM patients WHERE rm = @rm", new { rm });
    }

    public MonthlyReportBuilder Builder(Func<int, int, AttendanceRecap?>? attendance = null) =>
        new(Db, Settings, ReportSettings, attendance ?? ((_, _) => null), Clock);

    public MonthlyReport Build(int year = 2026, int month = 10) => Builder().Build(year, month);

    public static DateTimeOffset Local(string text) =>
        new(DateTime.ParseExact(text, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), TimeSpan.FromHours(7));

    public string TempFile(string name) => Path.Combine(Folder, name);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
