using System.Globalization;
using Dapper;
using Simpus.Core.Catalogue;
using Simpus.Core.Data;
using Simpus.Core.Patients;
using Simpus.Core.Pharmacy;
using Simpus.Core.Settings;
using Simpus.Core.Visits;

namespace Simpus.Core.Tests.Pharmacy;

/// <summary>A fixed clock that tests move: "now" is what the test says.</summary>
public sealed class MovableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();

    /// <summary>Sets the clock to 10:00 WIB of a day.</summary>
    public void Day(string date) =>
        Now = new DateTimeOffset(DateTime.ParseExact(date + " 10:00", "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), TimeSpan.FromHours(7));
}

/// <summary>
/// A real, migrated SQLite file with the shipped catalogues (ICD-10, formulary with Fornas classes) and the pharmacy services on a
/// movable clock (WIB). Patients and visits go through their services; prescriptions are plain INSERTs, as the poli would write them.
/// </summary>
public sealed class PharmacyDb : IDisposable
{
    public PharmacyDb(string today = "2026-11-10")
    {
        Folder = Path.Combine(Path.GetTempPath(), "simpus-tests", $"farmasi-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Folder);
        Db = new Database(Path.Combine(Folder, "simpus.db"));
        Migrator.ForClinic(Db).MigrateUp();
        Clock = new MovableClock(default);
        Clock.Day(today);
        Settings = new SettingsStore(Db);
        Settings.Save(new PuskesmasSettings { Code = "P3373040101", Name = "Puskesmas Uji", RegionCode = "33.73", TimeZone = "WIB" });
        new Icd10Catalogue(Db).EnsureLoaded();
        Drugs = new DrugCatalogue(Db, Clock);
        Drugs.EnsureLoaded();
        Drugs.EnsureFornasClasses();
        PharmacySettings = new PharmacySettingsStore(Settings);
        PharmacyClock = new PharmacyClock(Settings, Clock);
        Stock = new StockService(Db, Drugs, PharmacySettings, PharmacyClock);
        Dispensing = new DispensingService(Db, Drugs, PharmacyClock);
        Alerts = new AlertService(Db, Stock, PharmacySettings, PharmacyClock);
        Patients = new PatientService(Db, Settings, Clock);
        Visits = new VisitService(Db, Patients, Settings, Clock);
    }

    public string Folder { get; }
    public Database Db { get; }
    public MovableClock Clock { get; }
    public SettingsStore Settings { get; }
    public DrugCatalogue Drugs { get; }
    public PharmacySettingsStore PharmacySettings { get; }
    public PharmacyClock PharmacyClock { get; }
    public StockService Stock { get; }
    public DispensingService Dispensing { get; }
    public AlertService Alerts { get; }
    public PatientService Patients { get; }
    public VisitService Visits { get; }

    private int _patients;

    /// <summary>Receives one line as its own document on the clock's day (or <paramref name="date"/>).</summary>
    public Receipt Receive(string drug, string batch, string expiry, int quantity, string? date = null, string? document = null) =>
        Stock.Receive(new ReceiptInput
        {
            DocumentNumber = document ?? $"SBBK/{Guid.NewGuid():N}"[..20], Date = date, Source = "IFK Kota Uji", Funding = Funding.Apbd,
            Lines = [new ReceiptLineInput { Drug = drug, Batch = batch, Expiry = expiry, Quantity = quantity }],
        }, "apoteker");

    public long BatchId(string drug, string batch)
    {
        using var c = Db.Open();
        return c.ExecuteScalar<long>("SELECT id FROM stock_batches WHERE drug_code = @drug AND batch_number = @batch", new { drug, batch });
    }

    public int OnHand(long batchId)
    {
        using var c = Db.Open();
        return c.ExecuteScalar<int>("SELECT on_hand FROM stock_batches WHERE id = @batchId", new { batchId });
    }

    /// <summary>A new patient's visit arriving at 08:00 WIB on the clock's day (or <paramref name="date"/>), with live diagnoses.</summary>
    public long Visit(string? date = null, string poli = "umum", params string[] diagnoses)
    {
        var day = date ?? PharmacyClock.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var n = Interlocked.Increment(ref _patients);
        var rm = Patients.Register(new PatientInput { Name = "Pasien " + Letters(n), Sex = n % 2 == 0 ? "L" : "P", BirthDate = "1980-05-05" }, "uji").Rm;
        var saved = Clock.Now;
        Clock.Day(day);
        var arrived = new DateTimeOffset(DateTime.ParseExact(day + " 08:00", "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), TimeSpan.FromHours(7));
        var visit = Visits.Register(new VisitInput { Rm = rm, Poli = poli, Payer = "bpjs-pbi", ArrivedAt = arrived.ToString("O", CultureInfo.InvariantCulture) }, "uji");
        Clock.Now = saved;
        using var c = Db.Open();
        var primary = true;
        foreach (var code in diagnoses)
        {
            c.Execute("""
                INSERT INTO diagnoses (visit_id, code, is_primary, case_type, created_at, created_by)
                VALUES (@Id, @code, @primary, 'baru', '2026-10-01T00:00:00.000Z', 'dokter')
                """, new { visit.Id, code, primary });
            primary = false;
        }
        return visit.Id;
    }

    private static string Letters(int n)
    {
        var chars = new List<char>();
        while (n > 0)
        {
            n--;
            chars.Insert(0, (char)('a' + n % 26));
            n /= 26;
        }
        return "Uji " + new string(chars.ToArray());
    }

    /// <summary>A live prescription line; returns its id.</summary>
    public long Prescribe(long visitId, string drug, double quantity, bool voided = false)
    {
        using var c = Db.Open();
        return c.ExecuteScalar<long>("""
            INSERT INTO prescriptions (visit_id, drug_code, dose, quantity, days, created_at, created_by, voided_at, voided_by, void_reason)
            VALUES (@visitId, @drug, '3x1', @quantity, 3, @now, 'dokter',
                    CASE WHEN @voided THEN @now END, CASE WHEN @voided THEN 'dokter' END, CASE WHEN @voided THEN 'salah obat' END)
            RETURNING id
            """, new { visitId, drug, quantity, voided, now = DapperSetup.FormatInstant(Clock.GetUtcNow()) });
    }

    /// <summary>A visit today with one prescription line, dispensed in full.</summary>
    public DispensingView DispenseNew(string drug, int quantity, string? date = null)
    {
        if (date is not null)
        {
            Clock.Day(date);
        }
        var visit = Visit(date);
        var line = Prescribe(visit, drug, quantity);
        return Dispensing.Dispense(visit, line, new DispenseInput(), "apoteker");
    }

    /// <summary>Every batch's balance equals the sum of its ledger rows, and none is negative.</summary>
    public void AssertLedgerConsistent()
    {
        using var c = Db.Open();
        var mismatches = c.ExecuteScalar<long>("""
            SELECT COUNT(*) FROM stock_batches b
            WHERE b.on_hand <> (SELECT COALESCE(SUM(quantity), 0) FROM stock_ledger l WHERE l.batch_id = b.id) OR b.on_hand < 0
            """);
        Assert.Equal(0, mismatches);
    }

    public T Scalar<T>(string sql, object? args = null)
    {
        using var c = Db.Open();
        return c.ExecuteScalar<T>(sql, args)!;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, true);
        }
        catch (IOException)
        {
        }
    }
}
