using Dapper;
using Simpus.Core.Data;

namespace Simpus.Core.Tests.Upgrades;

/// <summary>
/// How the committed databases of released schemas under <c>Upgrades/Fixtures/</c> were made, so they can be made again.
/// <para><c>clinic-0006.db</c>: the first release's schema (clinic migrations 0001–0006), built by <see cref="BuildClinic0006"/>:
/// migrate to 0006 only, then fill EVERY table with realistic rows in plain SQL against that schema (never through today's
/// services, which follow the newest schema). Regenerate with
/// <c>SIMPUS_WRITE_FIXTURES=1 dotnet test tests/Simpus.Core.Tests --filter "FullyQualifiedName~Writes_the_fixtures"</c>;
/// a released fixture is never regenerated once a later release has shipped (it is what real clinics have on disk).</para>
/// </summary>
public static class ReleaseFixtures
{
    public const string Clinic0006 = "clinic-0006.db";

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Upgrades", "Fixtures", name);

    public static void BuildClinic0006(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
        var db = new Database(path);
        Migrator.ForClinic(db).UpTo(6).MigrateUp();
        db.InTransaction((c, t) => c.Execute(Clinic0006Rows, transaction: t));
        using (var c = db.Open())
        {
            c.Execute("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE; VACUUM;");
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>A small puskesmas a few months into using release 1: every table holds rows, the seeded ones plus these.</summary>
    private const string Clinic0006Rows = """
        INSERT INTO settings (key, value) VALUES
            ('puskesmas.code', 'P3373040101'), ('puskesmas.name', 'Puskesmas Sukamaju'), ('puskesmas.regionCode', '33.73'),
            ('puskesmas.timeZone', 'WIB'), ('puskesmas.rmFormat', 'KK-{family:000000}-{member:00}'),
            ('district.url', 'http://dinkes.example/'), ('district.key', '8f6e2f0c1d4b3a29e7c85d6f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b');

        INSERT INTO poli (code, name, sort_order, active) VALUES ('ptm', 'Posbindu PTM', 8, 0);

        INSERT INTO users (id, username, full_name, password_hash, role, poli, active, created_at, updated_at) VALUES
            (1, 'admin', 'Administrator', 'AQAAAAIAAYagAAAAEAdminHashNotARealOne0000000000000000000000000000000000==', 'admin', NULL, 1, '2026-01-05T01:00:00.000Z', '2026-01-05T01:00:00.000Z'),
            (2, 'loket', 'Sri Wahyuni', 'AQAAAAIAAYagAAAAELoketHashNotARealOne000000000000000000000000000000000==', 'pendaftaran', NULL, 1, '2026-01-05T01:10:00.000Z', '2026-01-05T01:10:00.000Z'),
            (3, 'dokter', 'dr. Bambang Setiawan', 'AQAAAAIAAYagAAAAEDokterHashNotARealOne00000000000000000000000000000000==', 'klinisi', 'umum', 1, '2026-01-05T01:11:00.000Z', '2026-01-05T01:11:00.000Z'),
            (4, 'bidan', 'Bd. Rina Marlina', 'AQAAAAIAAYagAAAAEBidanHashNotARealOne000000000000000000000000000000000==', 'klinisi', 'kia', 1, '2026-01-05T01:12:00.000Z', '2026-01-05T01:12:00.000Z'),
            (5, 'kepala', 'drg. Hartono', 'AQAAAAIAAYagAAAAEKepalaHashNotARealOne00000000000000000000000000000000==', 'kepala', NULL, 0, '2026-01-05T01:13:00.000Z', '2026-03-01T02:00:00.000Z');

        INSERT INTO families (id, next_member, created_at) VALUES
            (1, 4, '2026-01-06T01:00:00.000Z'), (2, 3, '2026-01-06T01:20:00.000Z'), (3, 2, '2026-02-02T02:00:00.000Z');

        INSERT INTO patients (id, rm, family_id, member_no, relation, nik, bpjs_number, name, sex, birth_date, birth_date_estimated,
                              address, region_code, rt, rw, phone, default_payer, created_at, created_by, updated_at, voided_at, voided_by, void_reason) VALUES
            (1, 'KK-000001-01', 1, 1, 'kepala', '3373041204850001', '0001234567890', 'Slamet Riyadi', 'L', '1985-04-12', 0,
             'Jl. Melati No. 5', '33.73.04.1001', '003', '002', '081234567890', 'bpjs-pbi', '2026-01-06T01:00:00.000Z', 'loket', '2026-01-06T01:00:00.000Z', NULL, NULL, NULL),
            (2, 'KK-000001-02', 1, 2, 'istri', '3373045507880002', '0001234567891', 'Siti Aminah', 'P', '1988-07-15', 0,
             'Jl. Melati No. 5', '33.73.04.1001', '003', '002', '081234567891', 'bpjs-pbi', '2026-01-06T01:02:00.000Z', 'loket', '2026-02-10T03:00:00.000Z', NULL, NULL, NULL),
            (3, 'KK-000001-03', 1, 3, 'anak', NULL, NULL, 'Budi Santoso', 'L', '2025-11-20', 0,
             'Jl. Melati No. 5', '33.73.04.1001', '003', '002', NULL, 'bpjs-pbi', '2026-01-06T01:03:00.000Z', 'loket', '2026-01-06T01:03:00.000Z', NULL, NULL, NULL),
            (4, 'KK-000002-01', 2, 1, 'kepala', '3373040101500003', NULL, 'Mbah Sarinah', 'P', '1950-01-01', 1,
             'Dusun Krajan RT 01', '33.73.04.2003', '001', '004', NULL, 'umum', '2026-01-06T01:20:00.000Z', 'loket', '2026-01-06T01:20:00.000Z', NULL, NULL, NULL),
            (5, 'KK-000002-02', 2, 2, 'anak', NULL, NULL, 'Sarinah Ganda', 'P', '1950-01-01', 1,
             NULL, NULL, NULL, NULL, NULL, 'umum', '2026-01-06T01:25:00.000Z', 'loket', '2026-01-07T02:00:00.000Z', '2026-01-07T02:00:00.000Z', 'loket', 'Pasien ganda, sama dengan KK-000002-01'),
            (6, 'KK-000003-01', 3, 1, 'kepala', '3373046203920004', '0009876543210', 'Dewi Lestari', 'P', '1992-03-22', 0,
             'Perum Griya Asri Blok C/7', '33.73.04.1002', '007', '001', '085712345678', 'bpjs-non-pbi', '2026-02-02T02:00:00.000Z', 'loket', '2026-02-02T02:00:00.000Z', NULL, NULL, NULL);

        INSERT INTO patient_history (patient_id, changed_at, changed_by, field, old_value, new_value) VALUES
            (1, '2026-01-06T01:00:00.000Z', 'loket', 'created', NULL, 'KK-000001-01'),
            (2, '2026-01-06T01:02:00.000Z', 'loket', 'created', NULL, 'KK-000001-02'),
            (2, '2026-02-10T03:00:00.000Z', 'loket', 'phone', '081200000000', '081234567891'),
            (3, '2026-01-06T01:03:00.000Z', 'loket', 'created', NULL, 'KK-000001-03'),
            (4, '2026-01-06T01:20:00.000Z', 'loket', 'created', NULL, 'KK-000002-01'),
            (5, '2026-01-06T01:25:00.000Z', 'loket', 'created', NULL, 'KK-000002-02'),
            (5, '2026-01-07T02:00:00.000Z', 'loket', 'voided', NULL, 'Pasien ganda, sama dengan KK-000002-01'),
            (6, '2026-02-02T02:00:00.000Z', 'loket', 'created', NULL, 'KK-000003-01');

        INSERT INTO visits (id, patient_id, poli, payer, complaint, visit_date, queue_number, status, arrived_at, started_at, finished_at,
                            cancelled_at, cancel_reason, back_entered, created_at, created_by) VALUES
            (1, 1, 'umum', 'bpjs-pbi', 'Demam dan batuk tiga hari', '2026-01-06', 1, 'finished', '2026-01-06T01:05:00.000Z', '2026-01-06T01:30:00.000Z', '2026-01-06T01:45:00.000Z', NULL, NULL, 0, '2026-01-06T01:05:00.000Z', 'loket'),
            (2, 2, 'kia', 'bpjs-pbi', 'Periksa hamil', '2026-01-06', 1, 'finished', '2026-01-06T01:06:00.000Z', '2026-01-06T01:40:00.000Z', '2026-01-06T02:00:00.000Z', NULL, NULL, 0, '2026-01-06T01:06:00.000Z', 'loket'),
            (3, 3, 'kia', 'bpjs-pbi', 'Imunisasi', '2026-01-06', 2, 'finished', '2026-01-06T01:07:00.000Z', '2026-01-06T02:05:00.000Z', '2026-01-06T02:15:00.000Z', NULL, NULL, 0, '2026-01-06T01:07:00.000Z', 'loket'),
            (4, 4, 'umum', 'umum', 'Pusing, tekanan darah tinggi', '2026-01-06', 2, 'finished', '2026-01-06T01:21:00.000Z', '2026-01-06T01:50:00.000Z', '2026-01-06T02:05:00.000Z', NULL, NULL, 1, '2026-01-07T01:00:00.000Z', 'loket'),
            (5, 6, 'gigi', 'bpjs-non-pbi', 'Sakit gigi geraham', '2026-02-02', 1, 'cancelled', '2026-02-02T02:01:00.000Z', NULL, NULL, '2026-02-02T03:00:00.000Z', 'Pasien pulang sebelum dipanggil', 0, '2026-02-02T02:01:00.000Z', 'loket'),
            (6, 2, 'kia', 'bpjs-pbi', 'Nifas hari ke-5', '2026-03-20', 1, 'finished', '2026-03-20T01:00:00.000Z', '2026-03-20T01:20:00.000Z', '2026-03-20T01:35:00.000Z', NULL, NULL, 0, '2026-03-20T01:00:00.000Z', 'loket'),
            (7, 1, 'umum', 'bpjs-pbi', 'Kontrol batuk', '2026-03-20', 1, 'in-progress', '2026-03-20T01:02:00.000Z', '2026-03-20T01:25:00.000Z', NULL, NULL, NULL, 0, '2026-03-20T01:02:00.000Z', 'loket'),
            (8, 6, 'umum', 'bpjs-non-pbi', 'Nyeri ulu hati', '2026-03-20', 2, 'arrived', '2026-03-20T01:10:00.000Z', NULL, NULL, NULL, NULL, 0, '2026-03-20T01:10:00.000Z', 'loket');

        INSERT INTO visit_status_history (visit_id, status, at, changed_by, recorded_at) VALUES
            (1, 'arrived', '2026-01-06T01:05:00.000Z', 'loket', '2026-01-06T01:05:00.000Z'),
            (1, 'in-progress', '2026-01-06T01:30:00.000Z', 'dokter', '2026-01-06T01:30:00.000Z'),
            (1, 'finished', '2026-01-06T01:45:00.000Z', 'dokter', '2026-01-06T01:45:00.000Z'),
            (5, 'arrived', '2026-02-02T02:01:00.000Z', 'loket', '2026-02-02T02:01:00.000Z'),
            (5, 'cancelled', '2026-02-02T03:00:00.000Z', 'loket', '2026-02-02T03:00:00.000Z'),
            (7, 'in-progress', '2026-03-20T01:25:00.000Z', 'dokter', '2026-03-20T01:25:00.000Z');

        INSERT INTO icd10 (code, name_id, name_en, category, common, active) VALUES
            ('J06.9', 'Infeksi saluran pernapasan atas akut, tidak spesifik', 'Acute upper respiratory infection, unspecified', 'J06', 1, 1),
            ('I10', 'Hipertensi esensial (primer)', 'Essential (primary) hypertension', 'I10', 1, 1),
            ('K29.7', 'Gastritis, tidak spesifik', 'Gastritis, unspecified', 'K29', 1, 1),
            ('Z34.9', 'Pengawasan kehamilan normal', 'Supervision of normal pregnancy, unspecified', 'Z34', 0, 1),
            ('Z23.5', 'Perlu imunisasi tetanus', 'Need for immunization against tetanus alone', 'Z23', 0, 0);

        INSERT INTO drugs (code, name, unit, form, active, updated_at) VALUES
            ('PCT500', 'Parasetamol 500 mg', 'tablet', 'tablet', 1, '2026-01-05T01:00:00.000Z'),
            ('AMX500', 'Amoksisilin 500 mg', 'kapsul', 'kapsul', 1, '2026-01-05T01:00:00.000Z'),
            ('AML5', 'Amlodipin 5 mg', 'tablet', 'tablet', 1, '2026-01-05T01:00:00.000Z'),
            ('FE', 'Tablet tambah darah (Fe)', 'tablet', 'tablet', 1, '2026-01-05T01:00:00.000Z'),
            ('OBH', 'OBH sirup 100 ml', 'botol', 'sirup', 0, '2026-02-01T01:00:00.000Z');

        INSERT INTO examinations (visit_id, complaint, history, systolic, diastolic, pulse, respiration, temperature, weight, height,
                                  physical_exam, outcome, clinician, created_at, updated_at) VALUES
            (1, 'Demam dan batuk tiga hari', 'Tidak ada alergi obat', 120, 80, 92, 20, 38.2, 62.5, 168, 'Faring hiperemis', 'pulang', 'dokter', '2026-01-06T01:35:00.000Z', '2026-01-06T01:44:00.000Z'),
            (2, 'Periksa hamil', 'G2P1A0, HPHT 2025-10-01', 110, 70, 84, 18, 36.7, 58.0, 155, 'TFU sesuai usia kehamilan', 'pulang', 'bidan', '2026-01-06T01:45:00.000Z', '2026-01-06T01:58:00.000Z'),
            (3, 'Imunisasi', NULL, NULL, NULL, 120, 30, 36.8, 4.6, 54, 'Bayi sehat', 'pulang', 'bidan', '2026-01-06T02:06:00.000Z', '2026-01-06T02:10:00.000Z'),
            (4, 'Pusing, tekanan darah tinggi', 'Hipertensi sejak 2020', 165, 100, 88, 20, 36.5, 55.0, 150, NULL, 'rujuk', 'dokter', '2026-01-06T01:55:00.000Z', '2026-01-06T02:04:00.000Z'),
            (6, 'Nifas hari ke-5', NULL, 115, 75, 80, 18, 36.6, 57.0, 155, 'Involusi uteri baik', 'pulang', 'bidan', '2026-03-20T01:22:00.000Z', '2026-03-20T01:33:00.000Z');

        INSERT INTO diagnoses (id, visit_id, code, is_primary, case_type, created_at, created_by, voided_at, voided_by, void_reason) VALUES
            (1, 1, 'J06.9', 1, 'baru', '2026-01-06T01:40:00.000Z', 'dokter', NULL, NULL, NULL),
            (2, 4, 'I10', 1, 'lama', '2026-01-06T02:00:00.000Z', 'dokter', NULL, NULL, NULL),
            (3, 4, 'K29.7', 0, 'baru', '2026-01-06T02:01:00.000Z', 'dokter', '2026-01-06T02:03:00.000Z', 'dokter', 'Salah pilih kode'),
            (4, 2, 'Z34.9', 1, 'kkl', '2026-01-06T01:55:00.000Z', 'bidan', NULL, NULL, NULL);

        INSERT INTO procedures (visit_id, name, code, created_at, created_by, voided_at, voided_by, void_reason) VALUES
            (1, 'Nebulisasi', '93.94', '2026-01-06T01:41:00.000Z', 'dokter', NULL, NULL, NULL),
            (4, 'Pemeriksaan EKG', '89.52', '2026-01-06T02:02:00.000Z', 'dokter', '2026-01-06T02:03:30.000Z', 'dokter', 'Tidak jadi dilakukan');

        INSERT INTO prescriptions (visit_id, drug_code, dose, quantity, days, created_at, created_by, voided_at, voided_by, void_reason) VALUES
            (1, 'PCT500', '3x1', 10, 3, '2026-01-06T01:42:00.000Z', 'dokter', NULL, NULL, NULL),
            (1, 'AMX500', '3x1', 15, 5, '2026-01-06T01:42:30.000Z', 'dokter', NULL, NULL, NULL),
            (4, 'AML5', '1x1', 30, 30, '2026-01-06T02:03:00.000Z', 'dokter', NULL, NULL, NULL),
            (2, 'FE', '1x1', 30, 30, '2026-01-06T01:56:00.000Z', 'bidan', NULL, NULL, NULL),
            (2, 'OBH', '3x1 sdt', 1, NULL, '2026-01-06T01:56:30.000Z', 'bidan', '2026-01-06T01:57:00.000Z', 'bidan', 'Tidak perlu');

        INSERT INTO referrals (visit_id, destination, reason, created_at, created_by, voided_at, voided_by, void_reason) VALUES
            (4, 'RSUD Kota Semarang, Poli Penyakit Dalam', 'Hipertensi tidak terkontrol dengan terapi tingkat pertama', '2026-01-06T02:04:00.000Z', 'dokter', NULL, NULL, NULL);

        INSERT INTO clinical_audit (visit_id, changed_at, changed_by, entity, entity_id, field, old_value, new_value) VALUES
            (4, '2026-01-06T02:03:00.000Z', 'dokter', 'diagnosis', 3, 'voided', NULL, 'Salah pilih kode'),
            (1, '2026-01-07T01:00:00.000Z', 'dokter', 'examination', 1, 'temperature', '38', '38.2');

        INSERT INTO kia_antenatal (visit_id, patient_id, gestational_week, visit_number, risk_flags, voided_at, voided_by, void_reason) VALUES
            (2, 2, 14, 1, 'anemia', NULL, NULL, NULL);

        INSERT INTO kia_deliveries (visit_id, patient_id, delivery_date, place, by_health_worker, voided_at, voided_by, void_reason) VALUES
            (NULL, 2, '2026-03-15', 'puskesmas', 1, NULL, NULL, NULL);

        INSERT INTO kia_postnatal (visit_id, patient_id, kf_number, voided_at, voided_by, void_reason) VALUES
            (6, 2, 2, NULL, NULL, NULL);

        INSERT INTO kia_neonatal (visit_id, patient_id, kn_number, voided_at, voided_by, void_reason) VALUES
            (3, 3, 3, NULL, NULL, NULL);

        INSERT INTO kia_immunizations (visit_id, patient_id, antigen, dose, given_date, voided_at, voided_by, void_reason) VALUES
            (3, 3, 'BCG', 1, '2026-01-06', NULL, NULL, NULL),
            (3, 3, 'POLIO', 1, '2026-01-06', NULL, NULL, NULL);

        INSERT INTO kia_growth (visit_id, patient_id, weight, height, voided_at, voided_by, void_reason) VALUES
            (3, 3, 4.6, 54, NULL, NULL, NULL);

        INSERT INTO staff (id, nip, name, position, unit, machine_id, schedule_id, rotation_offset, active_from, active_to, pin_hash, created_at, updated_at) VALUES
            (1, '198504122010011001', 'dr. Bambang Setiawan', 'Dokter', 'Umum', '101', NULL, 0, '2026-01-01', NULL, 'AQAAAAIAAYagAAAAEPinHashNotARealOne0000000000000000000000000000000000==', '2026-01-05T01:00:00.000Z', '2026-01-05T01:00:00.000Z'),
            (2, NULL, 'Bd. Rina Marlina', 'Bidan', 'KIA', '102', NULL, 0, '2026-01-01', NULL, NULL, '2026-01-05T01:00:00.000Z', '2026-01-05T01:00:00.000Z'),
            (3, '199001012015032002', 'Ns. Agus Prasetyo', 'Perawat', 'UGD', '103', 3, 2, '2026-01-01', '2026-06-30', NULL, '2026-01-05T01:00:00.000Z', '2026-02-01T01:00:00.000Z');

        INSERT INTO attendance_imports (id, file_name, sha256, imported_at, imported_by, lines, added, duplicates, rejected) VALUES
            (1, 'ATTLOG-januari.dat', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', '2026-02-01T02:00:00.000Z', 'kepala', 4, 3, 0, 1);

        INSERT INTO attendance_punches (staff_id, punched_at, source, import_id) VALUES
            (1, '2026-01-06T00:25:00.000Z', 'import', 1),
            (1, '2026-01-06T09:05:00.000Z', 'import', 1),
            (2, '2026-01-06T00:29:00.000Z', 'import', 1),
            (3, '2026-01-06T23:58:00.000Z', 'kiosk', NULL);

        INSERT INTO staff_absences (staff_id, code, leave_type, from_date, to_date, note, created_at, created_by) VALUES
            (2, 'C', 'cuti tahunan', '2026-02-09', '2026-02-13', 'Cuti tahunan', '2026-02-01T02:00:00.000Z', 'kepala'),
            (1, 'DL', NULL, '2026-01-20', '2026-01-20', 'Rapat di Dinkes', '2026-01-19T02:00:00.000Z', 'kepala');

        INSERT INTO exchange_packages (id, period, revision, values_hash, file, generated_at, generated_by) VALUES
            (1, '2026-01', 1, 'a3f1c0d9e8b7a6f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7', '{"format":"simpus.monthly-package","schemaVersion":1,"puskesmas":{"code":"P3373040101","name":"Puskesmas Sukamaju"},"period":"2026-01","revision":1,"generatedAt":"2026-02-02T01:00:00Z","values":[{"dataElement":"KUNJUNGAN","disaggregation":{"sex":"L","type":"baru"},"value":2}],"signature":{"algorithm":"HMAC-SHA256","value":"00"}}', '2026-02-02T01:00:00.000Z', 'kepala'),
            (2, '2026-01', 2, 'b4f1c0d9e8b7a6f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7', '{"format":"simpus.monthly-package","schemaVersion":1,"period":"2026-01","revision":2}', '2026-02-05T01:00:00.000Z', 'kepala');

        INSERT INTO outbox (package_id, status, attempts, next_attempt_at, last_attempt_at, last_error, response, queued_at, queued_by, accepted_at) VALUES
            (1, 'superseded', 3, '2026-02-02T02:00:00.000Z', '2026-02-02T01:30:00.000Z', 'Dinkes tidak dapat dihubungi', NULL, '2026-02-02T01:00:00.000Z', 'kepala', NULL),
            (2, 'accepted', 1, '2026-02-05T01:00:00.000Z', '2026-02-05T01:00:05.000Z', NULL, '{"status":"accepted","message":"Diterima"}', '2026-02-05T01:00:00.000Z', 'kepala', '2026-02-05T01:00:05.000Z');
        """;
}
