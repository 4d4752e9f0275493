using Dapper;
using Simpus.Core.Demo;
using Simpus.Core.Pharmacy;

namespace Simpus.Core.Tests.Pharmacy;

/// <summary>The demo's pharmacy year, simulated over a small generated set of prescriptions (June to today).</summary>
public sealed class PharmacyDemoSeederTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly string[] Drugs = ["OB001", "OB011", "OB054", "OB060", "OB081", "OB082", "OB087", "OB103", "OB107", "OB109", "OB006", "OB071"];

    private static PharmacyDb Seeded()
    {
        var db = new PharmacyDb("2026-11-23");
        var random = new Random(7);
        for (var i = 0; i < 40; i++)
        {
            db.Visit("2026-05-30", "lab");
        }
        using (var c = db.Db.Open())
        {
            var people = c.Query<long>("SELECT patient_id FROM visits").ToArray();
            using var t = c.BeginTransaction();
            var queue = 0;
            for (var day = new DateOnly(2026, 6, 1); day <= Today; day = day.AddDays(1))
            {
                if (day.DayOfWeek == DayOfWeek.Sunday)
                {
                    continue;
                }
                for (var i = 0; i < 15; i++)
                {
                    var arrived = new DateTimeOffset(day.ToDateTime(new TimeOnly(7, 30)), TimeSpan.FromHours(7)).AddMinutes(i * 12);
                    var finished = arrived.AddMinutes(25);
                    var visit = c.ExecuteScalar<long>("""
                        INSERT INTO visits (patient_id, poli, payer, visit_date, queue_number, status, arrived_at, started_at, finished_at, created_at, created_by)
                        VALUES (@p, 'umum', 'umum', @day, @q, 'finished', @arrived, @arrived, @finished, @arrived, 'uji') RETURNING id
                        """, new { p = people[i % people.Length], day, q = ++queue, arrived, finished }, t);
                    foreach (var drug in Drugs.OrderBy(_ => random.Next()).Take(1 + random.Next(3)))
                    {
                        c.Execute("""
                            INSERT INTO prescriptions (visit_id, drug_code, dose, quantity, days, created_at, created_by)
                            VALUES (@visit, @drug, '3x1', @q, 3, @finished, 'dokter')
                            """, new { visit, drug, q = 5 + random.Next(20), finished }, t);
                    }
                }
            }
            t.Commit();
        }
        var now = new DateTimeOffset(Today.ToDateTime(new TimeOnly(13, 0)), TimeSpan.FromHours(7));
        new PharmacyDemoSeeder().Seed(new DemoContext(db.Db, Today, "WIB", 20261123, TextWriter.Null) { Now = now });
        db.Clock.Now = now;
        return db;
    }

    [Fact]
    public void The_demo_pharmacy_year_is_consistent_believable_and_deterministic()
    {
        using var a = Seeded();
        using var b = Seeded();
        const string fingerprint = "SELECT group_concat(batch_id || ':' || kind || ':' || quantity || '@' || movement_date, ';') FROM (SELECT * FROM stock_ledger ORDER BY id)";

        a.AssertLedgerConsistent();
        Assert.Equal(a.Scalar<string>(fingerprint), b.Scalar<string>(fingerprint));
        // A delivery every month from the warehouse, program drugs on their own document.
        var months = a.Scalar<long>("SELECT COUNT(DISTINCT substr(received_date, 1, 7)) FROM stock_receipts WHERE source = 'Instalasi Farmasi Kota Semarang'");
        Assert.Equal(6, months);
        Assert.True(a.Scalar<long>("SELECT COUNT(*) FROM stock_receipts WHERE funding = 'program'") >= 2);
        // Every prescription before today was dispensed (in full or with the reason) and handed over.
        Assert.Equal(0, a.Scalar<long>("""
            SELECT COUNT(*) FROM prescriptions r JOIN visits v ON v.id = r.visit_id
            WHERE v.visit_date < '2026-11-23' AND NOT EXISTS (SELECT 1 FROM dispense_lines d WHERE d.prescription_id = r.id AND d.voided_at IS NULL)
            """));
        Assert.Equal(0, a.Scalar<long>("""
            SELECT COUNT(*) FROM dispense_lines d JOIN prescriptions r ON r.id = d.prescription_id
            WHERE d.quantity < r.quantity AND d.reason IS NULL
            """));
        Assert.Equal(0, a.Scalar<long>("""
            SELECT COUNT(DISTINCT v.id) FROM visits v JOIN prescriptions r ON r.visit_id = v.id
            WHERE v.visit_date < '2026-11-23' AND NOT EXISTS (SELECT 1 FROM dispense_handovers h WHERE h.visit_id = v.id)
            """));
        // Today: prescriptions wait on the worklist, one of them half done.
        var worklist = a.Dispensing.Worklist(null, null);
        Assert.True(worklist.Count(w => w.Status == DispensingStatuses.Waiting) >= 5);
        Assert.Contains(worklist, w => w.Status == DispensingStatuses.Partial);
        // Quarterly stock opname, expired stock written off, and the alerts have something to show.
        Assert.Equal("2026-06-30,2026-09-30", a.Scalar<string>("SELECT group_concat(opname_date) FROM (SELECT opname_date FROM stock_opnames ORDER BY opname_date)"));
        var alerts = a.Alerts.Build();
        Assert.Contains(alerts.Expiring, e => e.Expired);
        Assert.Contains(alerts.Expiring, e => !e.Expired);
        Assert.NotEmpty(alerts.BelowMinimum);
        var lplpo = Lplpo.Build(a.Db, a.PharmacySettings.Get(), 2026, 10, Today);
        var paracetamol = lplpo.Rows.Single(r => r.Code == "OB001");
        Assert.True(paracetamol.Pemakaian > 0 && paracetamol.Penerimaan > 0 && paracetamol.StokOptimum > 0);
        Assert.Equal(paracetamol.Persediaan - paracetamol.Pemakaian - paracetamol.RusakHilang + paracetamol.SelisihOpname, paracetamol.SisaStok);
    }
}
