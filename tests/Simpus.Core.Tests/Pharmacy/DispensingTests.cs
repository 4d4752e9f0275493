using Microsoft.Data.Sqlite;
using Simpus.Core.Common;
using Simpus.Core.Pharmacy;

namespace Simpus.Core.Tests.Pharmacy;

public sealed class DispensingTests : IDisposable
{
    private readonly PharmacyDb _db = new();

    [Fact]
    public void Dispensing_takes_the_earliest_expiring_batches_first_across_three_batches()
    {
        // Received in an order that is not the expiry order; one batch already expired with stock left.
        _db.Clock.Day("2026-05-04");
        _db.Receive("OB011", "AMX-A", "2027-03-31", 30);
        _db.Receive("OB011", "AMX-B", "2026-12-31", 20);
        _db.Receive("OB011", "AMX-C", "2027-08-31", 50);
        _db.Receive("OB011", "AMX-OLD", "2026-11-09", 40);
        _db.Clock.Day("2026-11-10");
        var visit = _db.Visit(diagnoses: "J02.9");
        var line = _db.Prescribe(visit, "OB011", 60);

        var view = _db.Dispensing.Dispense(visit, line, new DispenseInput(), "apoteker");

        var given = view.Lines.Single().Dispensed!;
        Assert.Equal(60, given.Quantity);
        Assert.Equal([("AMX-B", 20), ("AMX-A", 30), ("AMX-C", 10)], given.Batches.Select(b => (b.Batch, b.Quantity)));
        Assert.Equal(0, _db.OnHand(_db.BatchId("OB011", "AMX-B")));
        Assert.Equal(0, _db.OnHand(_db.BatchId("OB011", "AMX-A")));
        Assert.Equal(40, _db.OnHand(_db.BatchId("OB011", "AMX-C")));
        Assert.Equal(40, _db.OnHand(_db.BatchId("OB011", "AMX-OLD")));
        Assert.Equal(DispensingStatuses.Ready, view.Status);
        _db.AssertLedgerConsistent();
    }

    [Fact]
    public void Less_than_prescribed_needs_a_reason_and_more_than_the_stock_is_refused()
    {
        _db.Receive("OB001", "PCT1", "2028-06-30", 6);
        var visit = _db.Visit(diagnoses: "R50.9");
        var line = _db.Prescribe(visit, "OB001", 10);

        var short1 = Assert.Throws<ConflictException>(() => _db.Dispensing.Dispense(visit, line, new DispenseInput(), "apoteker"));
        Assert.Equal("stock.insufficient", short1.Code);
        Assert.Equal(6, short1.Details["available"]);
        var noReason = Assert.Throws<ValidationFailedException>(() => _db.Dispensing.Dispense(visit, line, new DispenseInput { Quantity = 6 }, "apoteker"));
        Assert.Equal("reason.required", noReason.Errors.Single().Code);
        var tooMany = Assert.Throws<ValidationFailedException>(() => _db.Dispensing.Dispense(visit, line, new DispenseInput { Quantity = 12 }, "apoteker"));
        Assert.Equal("quantity.moreThanPrescribed", tooMany.Errors.Single().Code);
        Assert.Equal(0, _db.Scalar<long>("SELECT COUNT(*) FROM dispense_lines"));

        var view = _db.Dispensing.Dispense(visit, line, new DispenseInput { Quantity = 6, Reason = "Stok tinggal 6, sisanya beli di apotek" }, "apoteker");

        var given = view.Lines.Single().Dispensed!;
        Assert.Equal(6, given.Quantity);
        Assert.Equal("Stok tinggal 6, sisanya beli di apotek", given.Reason);
        Assert.Equal(0, _db.OnHand(_db.BatchId("OB001", "PCT1")));
        var again = Assert.Throws<ConflictException>(() => _db.Dispensing.Dispense(visit, line, new DispenseInput { Quantity = 1, Reason = "lagi" }, "apoteker"));
        Assert.Equal("dispensing.alreadyDone", again.Code);
        _db.AssertLedgerConsistent();
    }

    [Fact]
    public void A_substitute_is_dispensed_from_its_own_stock_with_a_reason_and_nothing_is_given_with_a_reason()
    {
        _db.Receive("OB012", "AMXS1", "2027-12-31", 10);
        var visit = _db.Visit(diagnoses: "J02.9");
        var capsules = _db.Prescribe(visit, "OB011", 15);
        var paracetamol = _db.Prescribe(visit, "OB001", 10);

        var noReason = Assert.Throws<ValidationFailedException>(() =>
            _db.Dispensing.Dispense(visit, capsules, new DispenseInput { Drug = "OB012", Quantity = 1 }, "apoteker"));
        Assert.Equal("reason.required", noReason.Errors.Single().Code);
        _db.Dispensing.Dispense(visit, capsules, new DispenseInput { Drug = "OB012", Quantity = 1, Reason = "Kapsul kosong, diganti sirup kering" }, "apoteker");
        var handOverEarly = Assert.Throws<ConflictException>(() => _db.Dispensing.HandOver(visit, "apoteker"));
        Assert.Equal("dispensing.linesOpen", handOverEarly.Code);
        var view = _db.Dispensing.Dispense(visit, paracetamol, new DispenseInput { Quantity = 0, Reason = "Stok parasetamol kosong" }, "apoteker");

        var substitute = view.Lines.Single(l => l.PrescriptionId == capsules).Dispensed!;
        Assert.True(substitute.Substitute);
        Assert.Equal(("OB012", 1), (substitute.Drug, substitute.Quantity));
        Assert.Equal(9, _db.OnHand(_db.BatchId("OB012", "AMXS1")));
        Assert.Equal(0, view.Lines.Single(l => l.PrescriptionId == paracetamol).Dispensed!.Quantity);
        Assert.Equal(-1, _db.Scalar<long>("SELECT SUM(quantity) FROM stock_ledger WHERE kind = 'dispense'"));
        Assert.Equal(DispensingStatuses.Ready, view.Status);

        var handed = _db.Dispensing.HandOver(visit, "apoteker");
        Assert.Equal(DispensingStatuses.HandedOver, handed.Status);
        Assert.Equal("dispensing.handedOver",
            Assert.Throws<ConflictException>(() => _db.Dispensing.VoidLine(visit, substitute.Id, new DispenseVoidInput { Reason = "salah" }, "apoteker")).Code);
        _db.AssertLedgerConsistent();
    }

    [Fact]
    public void A_voided_line_puts_its_units_back_into_the_batches_they_came_from()
    {
        _db.Receive("OB054", "CTM-A", "2027-01-31", 4);
        _db.Receive("OB054", "CTM-B", "2027-06-30", 20);
        var visit = _db.Visit(diagnoses: "J06.9");
        var line = _db.Prescribe(visit, "OB054", 10);
        var view = _db.Dispensing.Dispense(visit, line, new DispenseInput(), "apoteker");

        var voided = _db.Dispensing.VoidLine(visit, view.Lines[0].Dispensed!.Id, new DispenseVoidInput { Reason = "Salah ambil obat" }, "apoteker");

        Assert.Null(voided.Lines[0].Dispensed);
        Assert.Equal(DispensingStatuses.Waiting, voided.Status);
        Assert.Equal(4, _db.OnHand(_db.BatchId("OB054", "CTM-A")));
        Assert.Equal(20, _db.OnHand(_db.BatchId("OB054", "CTM-B")));
        Assert.Equal(0, _db.Scalar<long>("SELECT SUM(quantity) FROM stock_ledger WHERE kind = 'dispense'"));
        // The line can now be dispensed again.
        var again = _db.Dispensing.Dispense(visit, line, new DispenseInput { Quantity = 10 }, "apoteker");
        Assert.Equal(10, again.Lines[0].Dispensed!.Quantity);
        _db.AssertLedgerConsistent();
    }

    [Fact]
    public void Worklist_lists_the_days_prescriptions_waiting_newest_first_and_filters_by_poli()
    {
        _db.Receive("OB001", "PCT1", "2028-06-30", 100);
        _db.Clock.Now = _db.Clock.Now.AddHours(-2);
        var early = _db.Visit(poli: "umum", diagnoses: "J06.9");
        _db.Prescribe(early, "OB001", 10);
        _db.Clock.Now = _db.Clock.Now.AddHours(1);
        var gigi = _db.Visit(poli: "gigi", diagnoses: "K02.9");
        _db.Prescribe(gigi, "OB006", 10);
        _db.Clock.Now = _db.Clock.Now.AddHours(1);
        var late = _db.Visit(poli: "umum", diagnoses: "J06.9");
        var lateLine = _db.Prescribe(late, "OB001", 10);
        var noRx = _db.Visit(poli: "umum", diagnoses: "Z00.0");
        _db.Dispensing.Dispense(late, lateLine, new DispenseInput(), "apoteker");
        _db.Dispensing.HandOver(late, "apoteker");

        var all = _db.Dispensing.Worklist(null, null);
        var umum = _db.Dispensing.Worklist(null, "umum");

        Assert.Equal([gigi, early, late], all.Select(w => w.VisitId));
        Assert.DoesNotContain(all, w => w.VisitId == noRx);
        Assert.Equal(DispensingStatuses.HandedOver, all.Last().Status);
        Assert.Equal(1, all.Single(w => w.VisitId == gigi).ShortLines);
        Assert.Equal(0, all.Single(w => w.VisitId == early).ShortLines);
        Assert.Equal([early, late], umum.Select(w => w.VisitId));
    }

    [Fact]
    public async Task Two_pharmacists_dispensing_the_last_units_at_once_one_wins_and_stock_never_goes_negative()
    {
        for (var round = 0; round < 8; round++)
        {
            var drug = round % 2 == 0 ? "OB055" : "OB056";
            var batch = $"LAST{round}";
            _db.Receive(drug, batch, "2028-01-31", 10);
            var a = _db.Visit(diagnoses: "L50.9");
            var b = _db.Visit(diagnoses: "L50.9");
            var lineA = _db.Prescribe(a, drug, 10);
            var lineB = _db.Prescribe(b, drug, 10);
            using var start = new Barrier(2);

            // Two threads, each with its own connection (the service opens one per call), released together.
            var results = await Task.WhenAll(
                Task.Run(() => Attempt(start, a, lineA)),
                Task.Run(() => Attempt(start, b, lineB)));

            Assert.Equal(1, results.Count(r => r == "ok"));
            Assert.Equal(1, results.Count(r => r == "stock.insufficient"));
            Assert.Equal(0, _db.OnHand(_db.BatchId(drug, batch)));
            _db.AssertLedgerConsistent();
        }
        // Checked in SQLite itself: no batch below zero, ever (the CHECK would have refused the write).
        Assert.Equal(0, _db.Scalar<long>("SELECT COUNT(*) FROM stock_batches WHERE on_hand < 0"));
    }

    private string Attempt(Barrier start, long visit, long line)
    {
        start.SignalAndWait();
        try
        {
            _db.Dispensing.Dispense(visit, line, new DispenseInput(), "apoteker" + visit);
            return "ok";
        }
        catch (ConflictException e)
        {
            return e.Code;
        }
        catch (SqliteException e)
        {
            return "sqlite " + e.SqliteErrorCode;
        }
    }

    public void Dispose() => _db.Dispose();
}
