using Dapper;
using Simpus.Core.Data;
using Simpus.Core.Demo;

namespace Simpus.Core.Tests.Data;

/// <summary>
/// The SATUSEHAT outbox is filled by triggers (0035) on visits, examinations, diagnoses, procedures, prescriptions and patients.
/// A later migration that rebuilds one of those tables would silently drop its triggers and finished visits would never be sent:
/// on a database migrated to the newest schema every trigger is still there and still queues and re-arms visits.
/// </summary>
public sealed class SatuSehatTriggerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "simpus-tests", "satusehat-triggers-" + Guid.NewGuid().ToString("N"));

    private static readonly (string Trigger, string Table)[] Expected =
    [
        ("satusehat_visit_finished", "visits"),
        ("satusehat_visit_inserted_finished", "visits"),
        ("satusehat_exam_inserted", "examinations"),
        ("satusehat_exam_updated", "examinations"),
        ("satusehat_diagnosis_inserted", "diagnoses"),
        ("satusehat_diagnosis_updated", "diagnoses"),
        ("satusehat_procedure_inserted", "procedures"),
        ("satusehat_procedure_updated", "procedures"),
        ("satusehat_prescription_inserted", "prescriptions"),
        ("satusehat_prescription_updated", "prescriptions"),
        ("satusehat_patient_nik_changed", "patients"),
    ];

    public SatuSehatTriggerTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public void Every_satusehat_trigger_exists_on_its_table_after_all_migrations()
    {
        var db = new Database(Path.Combine(_folder, "clinic.db"));
        Migrator.ForClinic(db).MigrateUp();

        using var c = db.Open();
        var triggers = c.Query<(string Name, string Table)>("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'satusehat%'")
            .ToHashSet();
        Assert.All(Expected, e => Assert.Contains(e, triggers));
    }

    [Fact]
    public void A_finished_visit_is_queued_and_a_later_change_to_its_record_queues_it_again()
    {
        var db = new Database(Path.Combine(_folder, "clinic.db"));
        Migrator.ForClinic(db).MigrateUp();
        BulkLoader.InsertPatients(db, new PopulationGenerator(5, new DateOnly(2026, 11, 1)).Generate(3), user: "test");
        using var c = db.Open();
        var patient = c.ExecuteScalar<long>("SELECT MIN(id) FROM patients");
        var visit = c.ExecuteScalar<long>("""
            INSERT INTO visits (patient_id, poli, payer, visit_date, queue_number, status, arrived_at, created_at, created_by)
            VALUES (@patient, 'umum', 'umum', '2026-11-02', 1, 'arrived', '2026-11-02T01:00:00Z', '2026-11-02T01:00:00Z', 'loket')
            RETURNING id
            """, new { patient });
        Assert.Equal(0L, c.ExecuteScalar<long>("SELECT COUNT(*) FROM satusehat_visits WHERE visit_id = @visit", new { visit }));

        c.Execute("UPDATE visits SET status = 'finished', started_at = '2026-11-02T01:10:00Z', finished_at = '2026-11-02T01:20:00Z' WHERE id = @visit", new { visit });
        var queued = c.QuerySingle<(long Pending, long Seq, string Status)>("SELECT pending, change_seq, status FROM satusehat_visits WHERE visit_id = @visit", new { visit });
        Assert.Equal((1L, 1L, "menunggu"), queued);

        c.Execute("UPDATE satusehat_visits SET pending = 0, status = 'terkirim' WHERE visit_id = @visit", new { visit });
        c.Execute("""
            INSERT INTO examinations (visit_id, complaint, systolic, clinician, created_at, updated_at)
            VALUES (@visit, 'Batuk', 120, 'dokter', '2026-11-02T01:15:00Z', '2026-11-02T01:15:00Z')
            """, new { visit });
        var corrected = c.QuerySingle<(long Pending, long Seq, string Status)>("SELECT pending, change_seq, status FROM satusehat_visits WHERE visit_id = @visit", new { visit });
        Assert.Equal((1L, 2L, "menunggu"), corrected);

        c.Execute("UPDATE satusehat_visits SET pending = 0, status = 'terkirim' WHERE visit_id = @visit", new { visit });
        c.Execute("UPDATE examinations SET systolic = 130 WHERE visit_id = @visit", new { visit });
        var again = c.QuerySingle<(long Pending, long Seq, string Status)>("SELECT pending, change_seq, status FROM satusehat_visits WHERE visit_id = @visit", new { visit });
        Assert.Equal((1L, 3L, "menunggu"), again);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, true);
    }
}
