namespace Simpus.Core.Pharmacy;

/// <summary>Where the money for a delivery came from (sumber dana).</summary>
public static class Funding
{
    public const string Apbd = "apbd";
    public const string Apbn = "apbn";
    public const string Jkn = "jkn";
    public const string Program = "program";
    public const string Hibah = "hibah";
    public const string Lainnya = "lainnya";

    public static readonly IReadOnlyList<string> All = [Apbd, Apbn, Jkn, Program, Hibah, Lainnya];

    public static string Label(string code) => code switch
    {
        Apbd => "APBD",
        Apbn => "APBN",
        Jkn => "JKN (kapitasi)",
        Program => "Program",
        Hibah => "Hibah",
        _ => "Lainnya",
    };
}

/// <summary>Why stock leaves other than by dispensing.</summary>
public static class AdjustmentReasons
{
    public const string Kedaluwarsa = "kedaluwarsa";
    public const string Rusak = "rusak";
    public const string Hilang = "hilang";
    public const string Dikembalikan = "dikembalikan";

    public static readonly IReadOnlyList<string> All = [Kedaluwarsa, Rusak, Hilang, Dikembalikan];

    public static string Label(string code) => code switch
    {
        Kedaluwarsa => "Kedaluwarsa",
        Rusak => "Rusak",
        Hilang => "Hilang",
        _ => "Dikembalikan ke gudang",
    };
}

/// <summary>The kinds of ledger rows.</summary>
public static class MovementKinds
{
    public const string Receipt = "receipt";
    public const string Dispense = "dispense";
    public const string Adjustment = "adjustment";
    public const string Opname = "opname";
}

public sealed record ReceiptInput
{
    public string? DocumentNumber { get; init; }
    /// <summary>yyyy-MM-dd; today when empty.</summary>
    public string? Date { get; init; }
    public string? Source { get; init; }
    public string? Funding { get; init; }
    public string? Note { get; init; }
    public List<ReceiptLineInput?>? Lines { get; init; }
}

public sealed record ReceiptLineInput
{
    public string? Drug { get; init; }
    public string? Batch { get; init; }
    /// <summary>yyyy-MM-dd.</summary>
    public string? Expiry { get; init; }
    public int? Quantity { get; init; }
}

public sealed record Receipt
{
    public long Id { get; init; }
    public required string DocumentNumber { get; init; }
    public DateOnly Date { get; init; }
    public required string Source { get; init; }
    public required string Funding { get; init; }
    public string? Note { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public int LineCount { get; init; }
    public int TotalQuantity { get; init; }
    public IReadOnlyList<ReceiptLine> Lines { get; init; } = [];
}

public sealed record ReceiptLine
{
    public long Id { get; init; }
    public required string Drug { get; init; }
    public required string DrugName { get; init; }
    public required string Unit { get; init; }
    public long BatchId { get; init; }
    public required string Batch { get; init; }
    public DateOnly Expiry { get; init; }
    public int Quantity { get; init; }
}

/// <summary>One batch of a drug and its balance; <see cref="Expired"/> when its expiry date is before today.</summary>
public sealed record Batch
{
    public long Id { get; init; }
    public required string Drug { get; init; }
    public required string DrugName { get; init; }
    public required string Unit { get; init; }
    public required string BatchNumber { get; init; }
    public DateOnly Expiry { get; init; }
    public required string Funding { get; init; }
    public int OnHand { get; init; }
    public bool Expired { get; init; }
    public int DaysToExpiry { get; init; }
}

/// <summary>A drug's stock: usable (unexpired batches) and still on the shelf but expired.</summary>
public sealed record StockRow
{
    public required string Drug { get; init; }
    public required string Name { get; init; }
    public required string Unit { get; init; }
    public string? Form { get; init; }
    public string? FornasClass { get; init; }
    public bool Active { get; init; }
    public int OnHand { get; init; }
    public int ExpiredOnHand { get; init; }
    /// <summary>The minimum the alerts use: the catalogue's, or derived from use when none is set.</summary>
    public int? Minimum { get; init; }
    public bool MinimumDerived { get; init; }
    public bool BelowMinimum { get; init; }
    public DateOnly? NextExpiry { get; init; }
    public int Batches { get; init; }
    public decimal AverageMonthlyUse { get; init; }
}

/// <summary>One row of the stock card (kartu stok): a movement and the drug's balance after it.</summary>
public sealed record LedgerEntry
{
    public long Id { get; init; }
    public DateOnly Date { get; init; }
    public required string Kind { get; init; }
    public int Quantity { get; init; }
    public long BatchId { get; init; }
    public required string Batch { get; init; }
    public DateOnly Expiry { get; init; }
    public required string Description { get; init; }
    public int Balance { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

public sealed record StockCard
{
    public required string Drug { get; init; }
    public required string Name { get; init; }
    public required string Unit { get; init; }
    public DateOnly From { get; init; }
    public DateOnly To { get; init; }
    public int OpeningBalance { get; init; }
    public int ClosingBalance { get; init; }
    public IReadOnlyList<LedgerEntry> Entries { get; init; } = [];
    public IReadOnlyList<Batch> Batches { get; init; } = [];
}

public sealed record AdjustmentInput
{
    public long? BatchId { get; init; }
    public string? Date { get; init; }
    public string? Reason { get; init; }
    /// <summary>How many units leave; for <c>kedaluwarsa</c> empty means the whole batch.</summary>
    public int? Quantity { get; init; }
    public string? Note { get; init; }
}

public sealed record Adjustment
{
    public long Id { get; init; }
    public long BatchId { get; init; }
    public required string Drug { get; init; }
    public required string DrugName { get; init; }
    public required string Unit { get; init; }
    public required string Batch { get; init; }
    public DateOnly Expiry { get; init; }
    public DateOnly Date { get; init; }
    public required string Reason { get; init; }
    public int Quantity { get; init; }
    public string? Note { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
}

public sealed record OpnameInput
{
    public string? Date { get; init; }
    public string? Note { get; init; }
    public List<OpnameLineInput?>? Lines { get; init; }
}

public sealed record OpnameLineInput
{
    public long? BatchId { get; init; }
    /// <summary>The physical count.</summary>
    public int? Counted { get; init; }
    /// <summary>The system balance the counter saw; when given and no longer true, the opname is refused (stock moved meanwhile).</summary>
    public int? Expected { get; init; }
}

public sealed record Opname
{
    public long Id { get; init; }
    public DateOnly Date { get; init; }
    public string? Note { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public int LineCount { get; init; }
    public int DifferenceCount { get; init; }
    public IReadOnlyList<OpnameLine> Lines { get; init; } = [];
}

public sealed record OpnameLine
{
    public long BatchId { get; init; }
    public required string Drug { get; init; }
    public required string DrugName { get; init; }
    public required string Unit { get; init; }
    public required string Batch { get; init; }
    public DateOnly Expiry { get; init; }
    public int SystemQuantity { get; init; }
    public int Counted { get; init; }
    public int Difference => Counted - SystemQuantity;
}
