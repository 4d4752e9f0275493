using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Simpus.Core.Catalogue;
using Simpus.Core.Common;
using Simpus.Core.Data;

namespace Simpus.Core.Pharmacy;

/// <summary>
/// Stock in batches: receipts, adjustments (expired, damaged, lost, returned), stock opname, and what is on hand.
/// Every movement is one ledger row written in the same transaction as the document it belongs to.
/// </summary>
public sealed class StockService(Database db, DrugCatalogue drugs, PharmacySettingsStore pharmacySettings, PharmacyClock clock)
{
    public const int MaxLines = 500;

    // ---- receipts ----

    public Receipt Receive(ReceiptInput input, string user)
    {
        var v = new Validation();
        var document = Limit(v, "documentNumber", input.DocumentNumber, 60, "Nomor dokumen", required: true);
        var source = Limit(v, "source", input.Source ?? pharmacySettings.Get().DefaultSource, 100, "Sumber (asal obat)", required: true);
        var note = Limit(v, "note", input.Note, 500, "Catatan", required: false);
        var funding = Text.Clean(input.Funding)?.ToLowerInvariant();
        if (funding is null || !Funding.All.Contains(funding))
        {
            v.Add("funding", "funding.invalid", "Sumber dana harus salah satu dari: APBD, APBN, JKN, Program, Hibah, Lainnya.");
        }
        var date = clock.Entered(v, "date", input.Date, "Tanggal penerimaan");
        var lines = input.Lines ?? [];
        if (lines.Count == 0)
        {
            v.Add("lines", "lines.required", "Isi minimal satu baris obat.");
        }
        else if (lines.Count > MaxLines)
        {
            v.Add("lines", "lines.tooMany", $"Paling banyak {MaxLines} baris per dokumen.");
        }
        var clean = new List<(Drug Drug, string Batch, DateOnly Expiry, int Quantity)>();
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < Math.Min(lines.Count, MaxLines); i++)
        {
            var line = lines[i];
            var field = $"lines[{i}]";
            var drug = drugs.FindActive(line?.Drug, v, field + ".drug");
            var ok = drug is not null;
            var batch = Limit(v, field + ".batch", line?.Batch, 40, "Nomor bets", required: true);
            ok &= batch is not null && !v.Has(field + ".batch");
            DateOnly expiry = default;
            if (Text.Clean(line?.Expiry) is not { } expiryText
                || !DateOnly.TryParseExact(expiryText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out expiry) || expiry.Year > 2100)
            {
                v.Add(field + ".expiry", "expiry.format", "Tanggal kedaluwarsa wajib diisi, format yyyy-MM-dd.");
                ok = false;
            }
            else if (date is { } d && expiry <= d)
            {
                v.Add(field + ".expiry", "expiry.past", $"Bets ini sudah kedaluwarsa ({expiry:dd-MM-yyyy}) pada tanggal penerimaan; obat kedaluwarsa tidak diterima.");
                ok = false;
            }
            if (line?.Quantity is not { } quantity || quantity is < 1 or > 10_000_000)
            {
                v.Add(field + ".quantity", "quantity.range", "Jumlah harus 1 sampai 10.000.000 (dalam satuan obat).");
                ok = false;
                quantity = 0;
            }
            if (ok && !seen.Add((drug!.Code, batch!.ToUpperInvariant())))
            {
                v.Add(field + ".batch", "batch.duplicate", $"Bets {batch} untuk {drug.Name} tertulis dua kali; jumlahkan dalam satu baris.");
                ok = false;
            }
            if (ok)
            {
                clean.Add((drug!, batch!, expiry, quantity));
            }
        }
        v.ThrowIfAny();

        var now = clock.Now;
        var id = db.InTransaction((c, t) =>
        {
            // A batch already known must keep its expiry date: the same number with another date is a typing error.
            var batchErrors = new Validation();
            var batchIds = new long[clean.Count];
            for (var i = 0; i < clean.Count; i++)
            {
                var (drug, batch, expiry, _) = clean[i];
                var existing = c.QuerySingleOrDefault<(long Id, string Expiry)?>(
                    "SELECT id, expiry_date FROM stock_batches WHERE drug_code = @Code AND batch_number = @batch COLLATE NOCASE",
                    new { drug.Code, batch }, t);
                if (existing is { } e)
                {
                    if (e.Expiry != DapperSetup.FormatDate(expiry))
                    {
                        batchErrors.Add($"lines[{i}].expiry", "batch.expiryMismatch",
                            $"Bets {batch} {drug.Name} sudah tercatat dengan kedaluwarsa {PharmacyClock.ParseDate(e.Expiry):dd-MM-yyyy}; periksa tanggalnya.");
                    }
                    batchIds[i] = e.Id;
                }
            }
            batchErrors.ThrowIfAny();
            long receiptId;
            try
            {
                receiptId = c.ExecuteScalar<long>("""
                    INSERT INTO stock_receipts (document_number, received_date, source, funding, note, created_at, created_by)
                    VALUES (@document, @date, @source, @funding, @note, @now, @user) RETURNING id
                    """, new { document, date, source, funding, note, now, user }, t);
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 19 && e.Message.Contains("document_number", StringComparison.Ordinal))
            {
                throw new ConflictException("receipt.duplicate", $"Dokumen {document} dari {source} sudah pernah dicatat; penerimaan yang sama tidak dicatat dua kali.");
            }
            for (var i = 0; i < clean.Count; i++)
            {
                var (drug, batch, expiry, quantity) = clean[i];
                if (batchIds[i] == 0)
                {
                    batchIds[i] = c.ExecuteScalar<long>("""
                        INSERT INTO stock_batches (drug_code, batch_number, expiry_date, funding, on_hand, created_at)
                        VALUES (@Code, @batch, @expiry, @funding, 0, @now) RETURNING id
                        """, new { drug.Code, batch, expiry, funding, now }, t);
                }
                var lineId = c.ExecuteScalar<long>(
                    "INSERT INTO stock_receipt_lines (receipt_id, batch_id, quantity) VALUES (@receiptId, @batchId, @quantity) RETURNING id",
                    new { receiptId, batchId = batchIds[i], quantity }, t);
                StockLedger.Insert(c, t, new StockLedger.Movement(batchIds[i], drug.Code, date!.Value, MovementKinds.Receipt, quantity, ReceiptLineId: lineId), now, user);
            }
            return receiptId;
        });
        return GetReceipt(id);
    }

    public Receipt GetReceipt(long id)
    {
        using var c = db.Open();
        var receipt = c.QuerySingleOrDefault<Receipt>(ReceiptSelect + " WHERE r.id = @id GROUP BY r.id", new { id })
            ?? throw new NotFoundException("receipt.notFound", $"Penerimaan {id} tidak ditemukan.");
        var lines = c.Query<ReceiptLine>("""
            SELECT l.id, b.drug_code AS Drug, d.name AS DrugName, d.unit, l.batch_id AS BatchId, b.batch_number AS Batch, b.expiry_date AS Expiry, l.quantity
            FROM stock_receipt_lines l JOIN stock_batches b ON b.id = l.batch_id JOIN drugs d ON d.code = b.drug_code
            WHERE l.receipt_id = @id ORDER BY l.id
            """, new { id }).ToList();
        return receipt with { Lines = lines };
    }

    /// <summary>Receipts of a month (yyyy-MM) or the latest ones, newest first.</summary>
    public IReadOnlyList<Receipt> Receipts(DateOnly? from, DateOnly? to, int limit = 200)
    {
        using var c = db.Open();
        return c.Query<Receipt>(ReceiptSelect + """
             WHERE (@from IS NULL OR r.received_date >= @from) AND (@to IS NULL OR r.received_date <= @to)
            GROUP BY r.id ORDER BY r.received_date DESC, r.id DESC LIMIT @limit
            """, new { from, to, limit }).ToList();
    }

    private const string ReceiptSelect = """
        SELECT r.id, r.document_number AS DocumentNumber, r.received_date AS Date, r.source, r.funding, r.note, r.created_at AS CreatedAt,
               r.created_by AS CreatedBy, COUNT(l.id) AS LineCount, COALESCE(SUM(l.quantity), 0) AS TotalQuantity
        FROM stock_receipts r LEFT JOIN stock_receipt_lines l ON l.receipt_id = r.id
        """;

    // ---- adjustments ----

    public Adjustment Adjust(AdjustmentInput input, string user)
    {
        var v = new Validation();
        var reason = Text.Clean(input.Reason)?.ToLowerInvariant();
        if (reason is null || !AdjustmentReasons.All.Contains(reason))
        {
            v.Add("reason", "reason.invalid", "Alasan harus kedaluwarsa, rusak, hilang atau dikembalikan.");
        }
        var note = Limit(v, "note", input.Note, 500, "Catatan", required: false);
        var date = clock.Entered(v, "date", input.Date, "Tanggal");
        if (input.Quantity is { } q && q is < 1 or > 10_000_000)
        {
            v.Add("quantity", "quantity.range", "Jumlah harus 1 sampai 10.000.000.");
        }
        else if (input.Quantity is null && reason != AdjustmentReasons.Kedaluwarsa)
        {
            v.Add("quantity", "quantity.required", "Isi jumlah yang dikeluarkan.");
        }
        if (input.BatchId is null)
        {
            v.Add("batchId", "batch.required", "Pilih bets obat.");
        }
        v.ThrowIfAny();

        var now = clock.Now;
        var id = db.InTransaction((c, t) =>
        {
            var batch = BatchRow(c, t, input.BatchId!.Value);
            CheckChronology(c, t, batch.Id, date!.Value, "date");
            var quantity = input.Quantity ?? batch.OnHand;
            if (quantity == 0)
            {
                throw new ConflictException("batch.empty", $"Bets {batch.BatchNumber} {batch.DrugName} sudah tidak bersisa.");
            }
            if (quantity > batch.OnHand)
            {
                throw StockLedger.Insufficient(batch.Drug, batch.DrugName + " bets " + batch.BatchNumber, quantity, batch.OnHand);
            }
            if (reason == AdjustmentReasons.Kedaluwarsa && batch.Expiry > date!.Value)
            {
                throw ValidationFailedException.For("reason", "reason.notExpired",
                    $"Bets {batch.BatchNumber} baru kedaluwarsa {batch.Expiry:dd-MM-yyyy}; pilih alasan lain (rusak, hilang, dikembalikan ke gudang).");
            }
            var adjustmentId = c.ExecuteScalar<long>("""
                INSERT INTO stock_adjustments (batch_id, adjusted_date, reason, quantity, note, created_at, created_by)
                VALUES (@Id, @date, @reason, @quantity, @note, @now, @user) RETURNING id
                """, new { batch.Id, date, reason, quantity, note, now, user }, t);
            StockLedger.Insert(c, t, new StockLedger.Movement(batch.Id, batch.Drug, date!.Value, MovementKinds.Adjustment, -quantity, AdjustmentId: adjustmentId), now, user);
            return adjustmentId;
        });
        return Adjustments(null, null, id).Single();
    }

    public IReadOnlyList<Adjustment> Adjustments(DateOnly? from, DateOnly? to, long? id = null, int limit = 500)
    {
        using var c = db.Open();
        return c.Query<Adjustment>("""
            SELECT a.id, a.batch_id AS BatchId, b.drug_code AS Drug, d.name AS DrugName, d.unit, b.batch_number AS Batch, b.expiry_date AS Expiry,
                   a.adjusted_date AS Date, a.reason, a.quantity, a.note, a.created_at AS CreatedAt, a.created_by AS CreatedBy
            FROM stock_adjustments a JOIN stock_batches b ON b.id = a.batch_id JOIN drugs d ON d.code = b.drug_code
            WHERE (@id IS NULL OR a.id = @id) AND (@from IS NULL OR a.adjusted_date >= @from) AND (@to IS NULL OR a.adjusted_date <= @to)
            ORDER BY a.adjusted_date DESC, a.id DESC LIMIT @limit
            """, new { id, from, to, limit }).ToList();
    }

    // ---- stock opname ----

    public Opname Count(OpnameInput input, string user)
    {
        var v = new Validation();
        var note = Limit(v, "note", input.Note, 500, "Catatan", required: false);
        var date = clock.Entered(v, "date", input.Date, "Tanggal stok opname");
        var lines = input.Lines ?? [];
        if (lines.Count == 0)
        {
            v.Add("lines", "lines.required", "Isi hitungan fisik minimal satu bets.");
        }
        else if (lines.Count > 5000)
        {
            v.Add("lines", "lines.tooMany", "Paling banyak 5.000 bets per stok opname.");
        }
        var seen = new HashSet<long>();
        for (var i = 0; i < Math.Min(lines.Count, 5000); i++)
        {
            var line = lines[i];
            if (line?.BatchId is not { } batchId)
            {
                v.Add($"lines[{i}].batchId", "batch.required", "Bets wajib dipilih.");
                continue;
            }
            if (!seen.Add(batchId))
            {
                v.Add($"lines[{i}].batchId", "batch.duplicate", "Bets ini dihitung dua kali.");
            }
            if (line.Counted is not { } counted || counted is < 0 or > 10_000_000)
            {
                v.Add($"lines[{i}].counted", "counted.range", "Hasil hitung fisik harus 0 sampai 10.000.000.");
            }
        }
        v.ThrowIfAny();

        var now = clock.Now;
        var id = db.InTransaction((c, t) =>
        {
            var batches = new List<BatchInfo>();
            var errors = new Validation();
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i]!;
                var batch = c.QuerySingleOrDefault<BatchInfo>(BatchInfoSelect + " WHERE b.id = @id", new { id = line.BatchId }, t);
                if (batch is null)
                {
                    errors.Add($"lines[{i}].batchId", "batch.notFound", $"Bets {line.BatchId} tidak ditemukan.");
                    continue;
                }
                if (line.Expected is { } expected && expected != batch.OnHand)
                {
                    throw new ConflictException("opname.stockChanged",
                        $"Stok bets {batch.BatchNumber} {batch.DrugName} berubah sejak dihitung (sistem kini {batch.OnHand}, tadi {expected}). Muat ulang lalu periksa lagi.",
                        new Dictionary<string, object?> { ["batchId"] = batch.Id, ["onHand"] = batch.OnHand });
                }
                CheckChronology(c, t, batch.Id, date!.Value, $"lines[{i}].batchId", errors);
                batches.Add(batch);
            }
            errors.ThrowIfAny();
            var opnameId = c.ExecuteScalar<long>(
                "INSERT INTO stock_opnames (opname_date, note, created_at, created_by) VALUES (@date, @note, @now, @user) RETURNING id",
                new { date, note, now, user }, t);
            for (var i = 0; i < lines.Count; i++)
            {
                var batch = batches[i];
                var counted = lines[i]!.Counted!.Value;
                var lineId = c.ExecuteScalar<long>("""
                    INSERT INTO stock_opname_lines (opname_id, batch_id, system_quantity, counted_quantity)
                    VALUES (@opnameId, @Id, @OnHand, @counted) RETURNING id
                    """, new { opnameId, batch.Id, batch.OnHand, counted }, t);
                if (counted != batch.OnHand)
                {
                    StockLedger.Insert(c, t, new StockLedger.Movement(batch.Id, batch.Drug, date!.Value, MovementKinds.Opname, counted - batch.OnHand,
                        OpnameLineId: lineId), now, user);
                }
            }
            return opnameId;
        });
        return GetOpname(id);
    }

    public Opname GetOpname(long id)
    {
        using var c = db.Open();
        var opname = c.QuerySingleOrDefault<Opname>(OpnameSelect + " WHERE o.id = @id GROUP BY o.id", new { id })
            ?? throw new NotFoundException("opname.notFound", $"Stok opname {id} tidak ditemukan.");
        var lines = c.Query<OpnameLine>("""
            SELECT l.batch_id AS BatchId, b.drug_code AS Drug, d.name AS DrugName, d.unit, b.batch_number AS Batch, b.expiry_date AS Expiry,
                   l.system_quantity AS SystemQuantity, l.counted_quantity AS Counted
            FROM stock_opname_lines l JOIN stock_batches b ON b.id = l.batch_id JOIN drugs d ON d.code = b.drug_code
            WHERE l.opname_id = @id ORDER BY d.name, b.expiry_date, b.id
            """, new { id }).ToList();
        return opname with { Lines = lines };
    }

    public IReadOnlyList<Opname> Opnames(int limit = 100)
    {
        using var c = db.Open();
        return c.Query<Opname>(OpnameSelect + " GROUP BY o.id ORDER BY o.opname_date DESC, o.id DESC LIMIT @limit", new { limit }).ToList();
    }

    private const string OpnameSelect = """
        SELECT o.id, o.opname_date AS Date, o.note, o.created_at AS CreatedAt, o.created_by AS CreatedBy, COUNT(l.id) AS LineCount,
               COALESCE(SUM(l.counted_quantity <> l.system_quantity), 0) AS DifferenceCount
        FROM stock_opnames o LEFT JOIN stock_opname_lines l ON l.opname_id = o.id
        """;

    // ---- what is on hand ----

    /// <summary>Batches with stock (or every batch of a drug), FEFO order.</summary>
    public IReadOnlyList<Batch> Batches(string? drug, bool includeEmpty = false)
    {
        var today = clock.Today;
        using var c = db.Open();
        return c.Query<BatchInfo>(BatchInfoSelect + """
             WHERE (@drug IS NULL OR b.drug_code = @drug) AND (@includeEmpty OR b.on_hand > 0)
            ORDER BY d.name, b.expiry_date, b.id
            """, new { drug = Text.Clean(drug)?.ToUpperInvariant(), includeEmpty }).Select(b => b.ToBatch(today)).ToList();
    }

    public Batch GetBatch(long id)
    {
        using var c = db.Open();
        return BatchRow(c, null, id).ToBatch(clock.Today);
    }

    /// <summary>Per drug: usable stock (unexpired batches), expired stock still on the shelf, the minimum and the nearest expiry.</summary>
    public IReadOnlyList<StockRow> Stock(string? query = null, bool onlyWithStock = false)
    {
        var today = clock.Today;
        var settings = pharmacySettings.Get();
        using var c = db.Open();
        var rows = c.Query<StockQueryRow>(EmbeddedSql.Get("pharmacy_stock.sql"), new { today, since = today.AddDays(-90) }).ToList();
        var words = Icd10Catalogue.Fold(Text.Clean(query) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return rows
            .Where(r => !onlyWithStock || r.OnHand + r.ExpiredOnHand > 0)
            .Where(r => words.Length == 0 || words.All(w => Icd10Catalogue.Fold(r.Name + " " + r.Drug).Contains(w, StringComparison.Ordinal)))
            .Where(r => r.Active || r.OnHand + r.ExpiredOnHand > 0)
            .Select(r => r.ToStockRow(settings))
            .ToList();
    }

    /// <summary>Usable stock of each drug code (0 for unknown or empty), for clinicians at prescribing time.</summary>
    public IReadOnlyDictionary<string, int> Availability(IEnumerable<string> codes)
    {
        var list = codes.Select(code => Text.Clean(code)?.ToUpperInvariant()).OfType<string>().Distinct().Take(200).ToList();
        var today = clock.Today;
        using var c = db.Open();
        var found = c.Query<(string Drug, int OnHand)>("""
            SELECT drug_code, SUM(on_hand) FROM stock_batches WHERE drug_code IN @list AND expiry_date >= @today GROUP BY drug_code
            """, new { list, today }).ToDictionary(r => r.Drug, r => r.OnHand, StringComparer.OrdinalIgnoreCase);
        return list.ToDictionary(code => code, code => found.GetValueOrDefault(code), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The stock card (kartu stok) of a drug between two dates: every movement with the balance after it.</summary>
    public StockCard Card(string drugCode, DateOnly? from, DateOnly? to)
    {
        var drug = drugs.Find(drugCode) ?? throw new NotFoundException("drug.notFound", $"Obat dengan kode {drugCode} tidak ada di katalog.");
        var today = clock.Today;
        var end = to ?? today;
        var start = from ?? new DateOnly(end.Year, end.Month, 1);
        if (start > end)
        {
            throw ValidationFailedException.For("from", "from.afterTo", "Tanggal awal harus sebelum tanggal akhir.");
        }
        using var c = db.Open();
        var opening = c.ExecuteScalar<int>(
            "SELECT COALESCE(SUM(quantity), 0) FROM stock_ledger WHERE drug_code = @Code AND movement_date < @start", new { drug.Code, start });
        var rows = c.Query<CardRow>(EmbeddedSql.Get("pharmacy_stock_card.sql"), new { drug.Code, start, end }).ToList();
        var balance = opening;
        var entries = new List<LedgerEntry>(rows.Count);
        foreach (var r in rows)
        {
            balance += r.Quantity;
            entries.Add(new LedgerEntry
            {
                Id = r.Id, Date = PharmacyClock.ParseDate(r.Date), Kind = r.Kind, Quantity = r.Quantity, BatchId = r.BatchId, Batch = r.Batch,
                Expiry = PharmacyClock.ParseDate(r.Expiry), Description = r.Describe(), Balance = balance, CreatedBy = r.CreatedBy,
                CreatedAt = DapperSetup.ParseInstant(r.CreatedAt),
            });
        }
        return new StockCard
        {
            Drug = drug.Code, Name = drug.Name, Unit = drug.Unit, From = start, To = end, OpeningBalance = opening, ClosingBalance = balance,
            Entries = entries, Batches = Batches(drug.Code, includeEmpty: true),
        };
    }

    // ---- helpers ----

    /// <summary>Keeps each batch's ledger in date order: nothing is booked before the batch's latest movement.</summary>
    private static void CheckChronology(SqliteConnection c, SqliteTransaction t, long batchId, DateOnly date, string field, Validation? collect = null)
    {
        var last = c.ExecuteScalar<string?>("SELECT MAX(movement_date) FROM stock_ledger WHERE batch_id = @batchId", new { batchId }, t);
        if (last is not null && string.CompareOrdinal(DapperSetup.FormatDate(date), last) < 0)
        {
            var message = $"Tanggal {date:dd-MM-yyyy} sebelum mutasi terakhir bets ini ({PharmacyClock.ParseDate(last):dd-MM-yyyy}); catat dengan tanggal itu atau sesudahnya.";
            if (collect is null)
            {
                throw ValidationFailedException.For(field, "date.beforeLastMovement", message);
            }
            collect.Add(field, "date.beforeLastMovement", message);
        }
    }

    private static BatchInfo BatchRow(SqliteConnection c, SqliteTransaction? t, long id) =>
        c.QuerySingleOrDefault<BatchInfo>(BatchInfoSelect + " WHERE b.id = @id", new { id }, t)
        ?? throw new NotFoundException("batch.notFound", $"Bets {id} tidak ditemukan.");

    private static string? Limit(Validation v, string field, string? text, int max, string label, bool required)
    {
        var clean = Text.Clean(text);
        if (clean is null)
        {
            if (required)
            {
                v.Add(field, field + ".required", $"{label} wajib diisi.");
            }
            return null;
        }
        if (clean.Length > max)
        {
            v.Add(field, field + ".tooLong", $"{label} paling panjang {max} karakter.");
        }
        else if (clean.Any(char.IsControl))
        {
            v.Add(field, field + ".control", $"{label} berisi karakter yang tidak diizinkan.");
        }
        return clean;
    }

    internal const string BatchInfoSelect = """
        SELECT b.id, b.drug_code AS Drug, d.name AS DrugName, d.unit, b.batch_number AS BatchNumber, b.expiry_date AS Expiry, b.funding, b.on_hand AS OnHand
        FROM stock_batches b JOIN drugs d ON d.code = b.drug_code
        """;

    internal sealed class BatchInfo
    {
        public long Id { get; init; }
        public string Drug { get; init; } = "";
        public string DrugName { get; init; } = "";
        public string Unit { get; init; } = "";
        public string BatchNumber { get; init; } = "";
        public DateOnly Expiry { get; init; }
        public string Funding { get; init; } = "";
        public int OnHand { get; init; }

        public Batch ToBatch(DateOnly today) => new()
        {
            Id = Id, Drug = Drug, DrugName = DrugName, Unit = Unit, BatchNumber = BatchNumber, Expiry = Expiry, Funding = Funding, OnHand = OnHand,
            Expired = Expiry < today, DaysToExpiry = Expiry.DayNumber - today.DayNumber,
        };
    }

    private sealed class StockQueryRow
    {
        public string Drug { get; init; } = "";
        public string Name { get; init; } = "";
        public string Unit { get; init; } = "";
        public string? Form { get; init; }
        public string? FornasClass { get; init; }
        public bool Active { get; init; }
        public int? MinStock { get; init; }
        public int OnHand { get; init; }
        public int ExpiredOnHand { get; init; }
        public string? NextExpiry { get; init; }
        public int Batches { get; init; }
        public int Used90 { get; init; }

        public StockRow ToStockRow(PharmacySettings settings)
        {
            var average = Math.Round(Used90 / 3m, 1);
            var minimum = MinStock ?? Planning.DerivedMinimum(Used90 / 3m, settings);
            return new StockRow
            {
                Drug = Drug, Name = Name, Unit = Unit, Form = Form, FornasClass = FornasClass, Active = Active, OnHand = OnHand,
                ExpiredOnHand = ExpiredOnHand, Minimum = minimum, MinimumDerived = MinStock is null, BelowMinimum = minimum is > 0 && OnHand < minimum,
                NextExpiry = NextExpiry is null ? null : PharmacyClock.ParseDate(NextExpiry), Batches = Batches, AverageMonthlyUse = average,
            };
        }
    }

    private sealed class CardRow
    {
        public long Id { get; init; }
        public string Date { get; init; } = "";
        public string Kind { get; init; } = "";
        public int Quantity { get; init; }
        public long BatchId { get; init; }
        public string Batch { get; init; } = "";
        public string Expiry { get; init; } = "";
        public string CreatedBy { get; init; } = "";
        public string CreatedAt { get; init; } = "";
        public string? Document { get; init; }
        public string? Source { get; init; }
        public string? Rm { get; init; }
        public long? VisitId { get; init; }
        public string? Reason { get; init; }
        public long? OpnameId { get; init; }

        public string Describe() => Kind switch
        {
            MovementKinds.Receipt => $"Penerimaan {Document} dari {Source}",
            MovementKinds.Dispense when Quantity < 0 => $"Resep kunjungan {VisitId} (No. RM {Rm})",
            MovementKinds.Dispense => $"Batal serah resep kunjungan {VisitId} (No. RM {Rm})",
            MovementKinds.Adjustment => "Dikeluarkan: " + AdjustmentReasons.Label(Reason ?? ""),
            _ => $"Selisih stok opname {OpnameId}",
        };
    }
}

/// <summary>The planning figures of the public-drug management guideline (stok optimum, permintaan, minimum).</summary>
public static class Planning
{
    /// <summary>Stok optimum = average monthly use × (distribution period + lead time) + safety share × average × distribution period, rounded up.</summary>
    public static int OptimumStock(decimal averageMonthlyUse, PharmacySettings s)
    {
        var working = averageMonthlyUse * s.DistributionPeriodMonths;
        var leadTime = averageMonthlyUse * s.LeadTimeMonths;
        var safety = working * s.SafetySharePercent / 100m;
        return (int)Math.Ceiling(working + leadTime + safety);
    }

    /// <summary>Permintaan = stok optimum − sisa stok, not below zero.</summary>
    public static int Request(int optimum, int remaining) => Math.Max(0, optimum - remaining);

    /// <summary>Months the stock on hand lasts at the average use; null without use.</summary>
    public static decimal? MonthsOfStock(int remaining, decimal averageMonthlyUse) =>
        averageMonthlyUse <= 0 ? null : Math.Round(remaining / averageMonthlyUse, 1);

    /// <summary>When the catalogue sets no minimum: the reorder level, average use × (lead time + safety share × distribution period); null without use.</summary>
    public static int? DerivedMinimum(decimal averageMonthlyUse, PharmacySettings s) =>
        averageMonthlyUse <= 0 ? null
        : (int)Math.Ceiling(averageMonthlyUse * (s.LeadTimeMonths + s.SafetySharePercent / 100m * s.DistributionPeriodMonths));
}
