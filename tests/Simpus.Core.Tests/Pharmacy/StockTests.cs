using Dapper;
using Microsoft.Data.Sqlite;
using Simpus.Core.Common;
using Simpus.Core.Pharmacy;

namespace Simpus.Core.Tests.Pharmacy;

public sealed class StockTests : IDisposable
{
    private readonly PharmacyDb _db = new();

    [Fact]
    public void A_receipt_books_each_line_into_its_batch_and_the_ledger()
    {
        var receipt = _db.Stock.Receive(new ReceiptInput
        {
            DocumentNumber = "SBBK/2026/11/017", Date = "2026-11-09", Source = "IFK Kota Uji", Funding = "APBD", Note = "Distribusi rutin",
            Lines =
            [
                new() { Drug = "OB001", Batch = "PCT2611A", Expiry = "2028-06-30", Quantity = 1000 },
                new() { Drug = "ob011", Batch = "AMX0925", Expiry = "2027-09-30", Quantity = 500 },
                new() { Drug = "OB001", Batch = "PCT2611B", Expiry = "2028-08-31", Quantity = 200 },
            ],
        }, "apoteker");

        Assert.Equal(3, receipt.Lines.Count);
        Assert.Equal(1700, receipt.TotalQuantity);
        Assert.Equal("apbd", receipt.Funding);
        Assert.Equal(new DateOnly(2026, 11, 9), receipt.Date);
        var stock = _db.Stock.Stock().ToDictionary(s => s.Drug);
        Assert.Equal(1200, stock["OB001"].OnHand);
        Assert.Equal(500, stock["OB011"].OnHand);
        Assert.Equal(new DateOnly(2027, 9, 30), stock["OB011"].NextExpiry);
        Assert.Equal(3, _db.Scalar<long>("SELECT COUNT(*) FROM stock_ledger WHERE kind = 'receipt' AND movement_date = '2026-11-09'"));
        Assert.Equal(1700, _db.Scalar<long>("SELECT SUM(quantity) FROM stock_ledger"));
        _db.AssertLedgerConsistent();

        // The same batch again adds to it; the same document again is refused.
        _db.Receive("OB001", "PCT2611A", "2028-06-30", 50);
        Assert.Equal(1050, _db.OnHand(_db.BatchId("OB001", "PCT2611A")));
        var duplicate = Assert.Throws<ConflictException>(() => _db.Stock.Receive(new ReceiptInput
        {
            DocumentNumber = "SBBK/2026/11/017", Source = "IFK Kota Uji", Funding = "apbd",
            Lines = [new() { Drug = "OB001", Batch = "X1", Expiry = "2028-01-01", Quantity = 1 }],
        }, "apoteker"));
        Assert.Equal("receipt.duplicate", duplicate.Code);
        Assert.Equal(0, _db.Scalar<long>("SELECT COUNT(*) FROM stock_batches WHERE batch_number = 'X1'"));
    }

    [Fact]
    public void A_bad_receipt_names_every_field_and_stores_nothing()
    {
        _db.Receive("OB001", "PCT1", "2028-06-30", 10);
        var before = _db.Scalar<long>("SELECT COUNT(*) FROM stock_ledger");

        var bad = Assert.Throws<ValidationFailedException>(() => _db.Stock.Receive(new ReceiptInput
        {
            DocumentNumber = "", Date = "2026-12-01", Funding = "dana desa",
            Lines =
            [
                new() { Drug = "OB999", Batch = "B1", Expiry = "2028-01-01", Quantity = 10 },
                new() { Drug = "OB001", Batch = "B2", Expiry = "2026-11-01", Quantity = 0 },
                null,
            ],
        }, "apoteker"));
        var fields = bad.Errors.Select(e => e.Field).ToHashSet();
        Assert.Contains("documentNumber", fields);
        Assert.Contains("date", fields);
        Assert.Contains("funding", fields);
        Assert.Contains("lines[0].drug", fields);
        Assert.Contains("lines[1].quantity", fields);
        Assert.Contains("lines[2].drug", fields);

        // An expired batch is not received; a known batch number with another expiry date is a typing error.
        var expired = Assert.Throws<ValidationFailedException>(() => _db.Receive("OB001", "OLD", "2026-11-09", 10));
        Assert.Equal("expiry.past", expired.Errors.Single().Code);
        var mismatch = Assert.Throws<ValidationFailedException>(() => _db.Receive("OB001", "PCT1", "2029-01-31", 10));
        Assert.Equal("batch.expiryMismatch", mismatch.Errors.Single().Code);
        Assert.Equal(before, _db.Scalar<long>("SELECT COUNT(*) FROM stock_ledger"));
        Assert.Equal(1, _db.Scalar<long>("SELECT COUNT(*) FROM stock_receipts"));
    }

    [Fact]
    public void Stock_opname_books_the_difference_with_who_and_when()
    {
        _db.Clock.Day("2026-11-02");
        _db.Receive("OB054", "CTM01", "2028-01-31", 50);
        _db.Receive("OB054", "CTM02", "2028-05-31", 30);
        var b1 = _db.BatchId("OB054", "CTM01");
        var b2 = _db.BatchId("OB054", "CTM02");
        _db.Clock.Day("2026-11-10");

        var opname = _db.Stock.Count(new OpnameInput
        {
            Date = "2026-11-10", Note = "Stok opname bulanan",
            Lines = [new() { BatchId = b1, Counted = 47, Expected = 50 }, new() { BatchId = b2, Counted = 30, Expected = 30 }],
        }, "apoteker");

        Assert.Equal(2, opname.Lines.Count);
        Assert.Equal(1, opname.DifferenceCount);
        var line = opname.Lines.Single(l => l.BatchId == b1);
        Assert.Equal((50, 47, -3), (line.SystemQuantity, line.Counted, line.Difference));
        Assert.Equal(47, _db.OnHand(b1));
        Assert.Equal(30, _db.OnHand(b2));
        using (var c = _db.Db.Open())
        {
            var row = c.QuerySingle<(string Kind, int Quantity, string Date, string By)>(
                "SELECT kind, quantity, movement_date, created_by FROM stock_ledger WHERE kind = 'opname'");
            Assert.Equal(("opname", -3, "2026-11-10", "apoteker"), row);
        }
        Assert.Equal("apoteker", opname.CreatedBy);
        _db.AssertLedgerConsistent();

        // Counted against a balance that has moved since: refused, nothing booked.
        var changed = Assert.Throws<ConflictException>(() => _db.Stock.Count(new OpnameInput
        {
            Lines = [new() { BatchId = b1, Counted = 40, Expected = 50 }],
        }, "apoteker"));
        Assert.Equal("opname.stockChanged", changed.Code);
        Assert.Equal(47, _db.OnHand(b1));
        Assert.Equal(1, _db.Scalar<long>("SELECT COUNT(*) FROM stock_opnames"));
    }

    [Fact]
    public void An_expired_batch_is_written_off_whole_and_no_longer_counts_as_usable()
    {
        _db.Clock.Day("2026-06-01");
        _db.Receive("OB113", "VITC-A", "2026-10-31", 120);
        _db.Receive("OB113", "VITC-B", "2027-10-31", 80);
        _db.Clock.Day("2026-11-10");
        var expired = _db.BatchId("OB113", "VITC-A");
        var fresh = _db.BatchId("OB113", "VITC-B");

        var alerts = _db.Alerts.Build();
        var alert = Assert.Single(alerts.Expiring);
        Assert.True(alert.Expired);
        Assert.Equal(expired, alert.BatchId);
        var row = _db.Stock.Stock().Single(s => s.Drug == "OB113");
        Assert.Equal((80, 120), (row.OnHand, row.ExpiredOnHand));

        // Writing off a batch that has not expired as "kedaluwarsa" is refused.
        var notYet = Assert.Throws<ValidationFailedException>(() =>
            _db.Stock.Adjust(new AdjustmentInput { BatchId = fresh, Reason = "kedaluwarsa" }, "apoteker"));
        Assert.Equal("reason.notExpired", notYet.Errors.Single().Code);

        var adjustment = _db.Stock.Adjust(new AdjustmentInput { BatchId = expired, Reason = "kedaluwarsa", Note = "Dimusnahkan bersama IFK" }, "apoteker");

        Assert.Equal(120, adjustment.Quantity);
        Assert.Equal(0, _db.OnHand(expired));
        Assert.Equal(-120, _db.Scalar<long>("SELECT quantity FROM stock_ledger WHERE kind = 'adjustment'"));
        Assert.Empty(_db.Alerts.Build().Expiring);
        var damaged = _db.Stock.Adjust(new AdjustmentInput { BatchId = fresh, Reason = "rusak", Quantity = 5, Note = "Botol pecah" }, "apoteker");
        Assert.Equal(75, _db.OnHand(fresh));
        Assert.Equal("rusak", damaged.Reason);
        var tooMany = Assert.Throws<ConflictException>(() => _db.Stock.Adjust(new AdjustmentInput { BatchId = fresh, Reason = "hilang", Quantity = 76 }, "apoteker"));
        Assert.Equal("stock.insufficient", tooMany.Code);
        Assert.Equal(75, _db.OnHand(fresh));
        _db.AssertLedgerConsistent();
    }

    [Fact]
    public void The_schema_itself_refuses_negative_stock_and_edits_of_the_ledger()
    {
        _db.Receive("OB001", "PCT1", "2028-06-30", 10);
        var batch = _db.BatchId("OB001", "PCT1");
        using var c = _db.Db.Open();
        var adjustment = c.ExecuteScalar<long>("""
            INSERT INTO stock_adjustments (batch_id, adjusted_date, reason, quantity, created_at, created_by)
            VALUES (@batch, '2026-11-10', 'hilang', 11, 'x', 'x') RETURNING id
            """, new { batch });

        var negative = Assert.Throws<SqliteException>(() => c.Execute("""
            INSERT INTO stock_ledger (batch_id, drug_code, movement_date, kind, quantity, adjustment_id, created_at, created_by)
            VALUES (@batch, 'OB001', '2026-11-10', 'adjustment', -11, @adjustment, 'x', 'x')
            """, new { batch, adjustment }));
        Assert.Contains("on_hand", negative.Message, StringComparison.Ordinal);
        Assert.Throws<SqliteException>(() => c.Execute("UPDATE stock_ledger SET quantity = 1000"));
        Assert.Throws<SqliteException>(() => c.Execute("DELETE FROM stock_ledger"));
        Assert.Equal(10, _db.OnHand(batch));
        _db.AssertLedgerConsistent();
    }

    [Fact]
    public void The_stock_card_lists_every_movement_with_the_running_balance()
    {
        _db.Clock.Day("2026-11-02");
        _db.Receive("OB001", "PCT1", "2028-06-30", 100, document: "SBBK-1");
        _db.DispenseNew("OB001", 10, "2026-11-03");
        _db.DispenseNew("OB001", 15, "2026-11-04");
        _db.Clock.Day("2026-11-10");

        var card = _db.Stock.Card("OB001", new DateOnly(2026, 11, 3), new DateOnly(2026, 11, 10));

        Assert.Equal(100, card.OpeningBalance);
        Assert.Equal([90, 75], card.Entries.Select(e => e.Balance));
        Assert.Equal(75, card.ClosingBalance);
        Assert.All(card.Entries, e => Assert.StartsWith("Resep kunjungan", e.Description, StringComparison.Ordinal));
    }

    public void Dispose() => _db.Dispose();
}
