using Dapper;
using Microsoft.Data.Sqlite;
using Simpus.Core.Common;

namespace Simpus.Core.Pharmacy;

/// <summary>
/// Writing to the ledger, inside the caller's write transaction (BEGIN IMMEDIATE: one writer at a time, so what a transaction
/// reads of the balances stays true until it commits). The schema backs this up: the insert trigger moves the batch balance
/// and its CHECK (on_hand ≥ 0) refuses any movement that would make it negative.
/// </summary>
internal static class StockLedger
{
    public sealed record Movement(long BatchId, string Drug, DateOnly Date, string Kind, int Quantity,
        long? ReceiptLineId = null, long? DispenseLineId = null, long? AdjustmentId = null, long? OpnameLineId = null);

    public sealed record BatchStock(long Id, string BatchNumber, DateOnly Expiry, int OnHand);

    public static void Insert(SqliteConnection c, SqliteTransaction t, Movement m, DateTimeOffset now, string user)
    {
        try
        {
            c.Execute("""
                INSERT INTO stock_ledger (batch_id, drug_code, movement_date, kind, quantity, receipt_line_id, dispense_line_id, adjustment_id,
                                          opname_line_id, created_at, created_by)
                VALUES (@BatchId, @Drug, @Date, @Kind, @Quantity, @ReceiptLineId, @DispenseLineId, @AdjustmentId, @OpnameLineId, @now, @user)
                """, new { m.BatchId, m.Drug, m.Date, m.Kind, m.Quantity, m.ReceiptLineId, m.DispenseLineId, m.AdjustmentId, m.OpnameLineId, now, user }, t);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19 && e.Message.Contains("on_hand", StringComparison.Ordinal))
        {
            // Only reachable if a caller skipped its own check: the schema still keeps the stock from going negative.
            throw Insufficient(m.Drug, null, -m.Quantity);
        }
    }

    /// <summary>Unexpired batches of the drug that have stock, earliest expiry first (FEFO), ties by the older batch.</summary>
    public static IReadOnlyList<BatchStock> Usable(SqliteConnection c, SqliteTransaction? t, string drug, DateOnly today) =>
        c.Query<(long Id, string BatchNumber, string Expiry, int OnHand)>("""
            SELECT id, batch_number, expiry_date, on_hand FROM stock_batches
            WHERE drug_code = @drug AND on_hand > 0 AND expiry_date >= @today
            ORDER BY expiry_date, id
            """, new { drug, today }, t)
            .Select(r => new BatchStock(r.Id, r.BatchNumber, DateOnly.ParseExact(r.Expiry, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), r.OnHand))
            .ToList();

    /// <summary>Takes <paramref name="quantity"/> from the batches in FEFO order; throws 409 <c>stock.insufficient</c> when they hold less.</summary>
    public static IReadOnlyList<(BatchStock Batch, int Quantity)> AllocateFefo(SqliteConnection c, SqliteTransaction t, string drug, string drugName,
        int quantity, DateOnly today)
    {
        var batches = Usable(c, t, drug, today);
        var available = batches.Sum(b => b.OnHand);
        if (available < quantity)
        {
            throw Insufficient(drug, drugName, quantity, available);
        }
        var taken = new List<(BatchStock, int)>();
        var left = quantity;
        foreach (var b in batches)
        {
            if (left == 0)
            {
                break;
            }
            var take = Math.Min(left, b.OnHand);
            taken.Add((b, take));
            left -= take;
        }
        return taken;
    }

    public static ConflictException Insufficient(string drug, string? drugName, int requested, int? available = null) =>
        new("stock.insufficient",
            available is { } a
                ? $"Stok {drugName ?? drug} tidak cukup: tersedia {a}, diminta {requested}. Berikan lebih sedikit (dengan alasan) atau ganti obat."
                : $"Stok {drugName ?? drug} tidak cukup untuk {requested}.",
            new Dictionary<string, object?> { ["drug"] = drug, ["requested"] = requested, ["available"] = available });
}
