using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;
using Simpus.Core.Common;
using Simpus.Core.Data;
using Simpus.Core.Demo;

namespace Simpus.Core.Pharmacy;

/// <summary>
/// A believable year of pharmacy for the demo puskesmas, simulated day by day over the prescriptions the clinical seeder wrote:
/// a first stock at the start and a monthly delivery from the Instalasi Farmasi Kota (the LPLPO request, now and then delivered
/// short), program drugs and a few JKN purchases as their own documents, batches with 1½–3 years of shelf life and some short
/// ones that expire and are written off, a little damage and loss, a stock opname at the end of each quarter, and every
/// prescription of the past dispensed FEFO and handed over (less or nothing, with the reason, when stock ran short). Today's
/// most recent prescriptions wait on the apotek's worklist. One transaction; the ledger trigger and CHECK hold as for the services.
/// </summary>
public sealed class PharmacyDemoSeeder : IDemoSeeder
{
    public const string Pharmacist = "apoteker";
    public const string Source = "Instalasi Farmasi Kota Semarang";

    public int Order => 40;

    public string Name => "farmasi: penerimaan, stok, pemberian obat, stok opname";

    private static readonly string[] ProgramDrugs = ["OB107", "OB114", "OB115", "OB136", "OB137", "OB138", "OB139", "OB140", "OB151", "OB152", "OB153",
        "OB154", "OB155", "OB156", "OB157", "OB158"];

    private static readonly Dictionary<string, int> Minimums = new(StringComparer.Ordinal)
    {
        ["OB001"] = 1500, ["OB011"] = 600, ["OB081"] = 200, ["OB082"] = 200, ["OB107"] = 1000, ["OB087"] = 600, ["OB103"] = 600,
    };

    private sealed class BatchState
    {
        public long Id { get; init; }
        public required string Drug { get; init; }
        public required string Number { get; init; }
        public DateOnly Expiry { get; init; }
        public int OnHand { get; set; }
    }

    private sealed record RxLine(long Id, long VisitId, string Drug, int Quantity, DateOnly Date, string Status, DateTimeOffset Arrived, DateTimeOffset? Finished);

    public void Seed(DemoContext context)
    {
        var watch = Stopwatch.StartNew();
        var random = context.RandomFor("farmasi");
        var db = context.Db;
        var today = context.Today;
        var now = context.Now;
        var offset = TimeZones.Offset(context.TimeZone);
        using var c = db.Open();
        using var t = c.BeginTransaction();

        c.Execute("UPDATE drugs SET min_stock = @min WHERE code = @code", Minimums.Select(m => new { code = m.Key, min = m.Value }), t);
        foreach (var (key, value) in new[]
                 {
                     ("farmasi.defaultSource", Source), ("farmasi.pharmacistName", "apt. Dewi Kartika, S.Farm."),
                     ("farmasi.pharmacistNip", "198904172015032004"),
                 })
        {
            c.Execute("INSERT INTO settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value", new { key, value }, t);
        }

        var drugs = c.Query<(string Code, string Unit)>("SELECT code, unit FROM drugs WHERE active = 1", transaction: t)
            .ToDictionary(d => d.Code, d => d.Unit, StringComparer.Ordinal);
        var lines = c.Query<(long Id, long VisitId, string Drug, double Quantity, string Date, string Status, string Arrived, string? Finished)>("""
            SELECT r.id, r.visit_id, r.drug_code, r.quantity, v.visit_date, v.status, v.arrived_at, v.finished_at
            FROM prescriptions r JOIN visits v ON v.id = r.visit_id
            WHERE r.voided_at IS NULL AND v.status <> 'cancelled'
            ORDER BY v.visit_date, v.arrived_at, v.id, r.id
            """, transaction: t)
            .Select(r => new RxLine(r.Id, r.VisitId, r.Drug, (int)Math.Ceiling(r.Quantity), PharmacyClock.ParseDate(r.Date), r.Status,
                DapperSetup.ParseInstant(r.Arrived), r.Finished is null ? null : DapperSetup.ParseInstant(r.Finished)))
            .ToList();
        if (lines.Count == 0)
        {
            t.Commit();
            return;
        }

        var byDay = lines.GroupBy(l => l.Date).ToDictionary(g => g.Key, g => g.ToList());
        var prescribed = lines.Select(l => l.Drug).ToHashSet(StringComparer.Ordinal);
        var unusedBottles = drugs.Keys.Order(StringComparer.Ordinal).Where(d => !prescribed.Contains(d) && drugs[d] == "botol").Take(2).ToList();
        // Today's last finished visits wait on the apotek's worklist (one of them half done), whatever the hour of the demo.
        var todays = byDay.GetValueOrDefault(today, []).Where(l => l.Status == "finished").GroupBy(l => l.VisitId)
            .OrderByDescending(g => g.First().Finished).ToList();
        var waiting = todays.Take(6).Select(g => g.Key).ToHashSet();
        var halfDone = todays.Skip(6).Where(g => g.Count() > 1).Take(1).Select(g => g.Key).ToHashSet();
        var first = lines[0].Date;
        var monthlyUse = new Dictionary<(string Drug, int Month), int>();
        foreach (var l in lines)
        {
            var key = (l.Drug, MonthIndex(l.Date));
            monthlyUse[key] = monthlyUse.GetValueOrDefault(key) + l.Quantity;
        }

        var w = new Writer(c, t);
        var batches = new List<BatchState>();
        var byDrug = drugs.Keys.ToDictionary(d => d, _ => new List<BatchState>(), StringComparer.Ordinal);
        var batchSeq = 0;
        var documentSeq = 0;
        int receipts = 0, dispensed = 0, shortLines = 0, expiredWriteOffs = 0, opnames = 0;

        BatchState NewBatch(string drug, DateOnly date, DateOnly expiry, string funding)
        {
            var seq = batchSeq++ % 676;
            var number = $"{drug[2..]}{date:yyMM}{(char)('A' + seq / 26)}{(char)('A' + seq % 26)}";
            var id = w.Batch(drug, number, expiry, funding, At(date, 8, 0));
            var b = new BatchState { Id = id, Drug = drug, Number = number, Expiry = expiry };
            batches.Add(b);
            byDrug[drug].Add(b);
            return b;
        }

        void Receive(DateOnly date, string document, string source, string funding, IEnumerable<(string Drug, int Quantity)> items, string note,
            Func<int, DateOnly?>? expiryOf = null)
        {
            var list = items.Where(i => i.Quantity > 0).ToList();
            if (list.Count == 0)
            {
                return;
            }
            var at = At(date, 9, 15);
            var receiptId = w.Receipt(document, date, source, funding, note, at);
            for (var i = 0; i < list.Count; i++)
            {
                var (drug, quantity) = list[i];
                // Mostly 1½–3 years of shelf life; now and then a short-dated batch that may expire on the shelf.
                var expiry = expiryOf?.Invoke(i) ?? (random.NextDouble() < 0.05
                    ? date.AddMonths(random.Next(3, 8)).AddDays(-date.Day)
                    : date.AddMonths(random.Next(18, 37)).AddDays(-date.Day));
                var batch = NewBatch(drug, date, expiry, funding);
                var lineId = w.ReceiptLine(receiptId, batch.Id, quantity);
                w.Ledger(batch.Id, drug, date, MovementKinds.Receipt, quantity, at, receiptLine: lineId);
                batch.OnHand += quantity;
            }
            receipts++;
        }

        int Stock(string drug, DateOnly day) => byDrug[drug].Where(b => b.Expiry >= day).Sum(b => b.OnHand);

        // Opening stock on the first day: about six weeks of what the first month used.
        var month0 = MonthIndex(first);
        Receive(first, Document(first, ++documentSeq), Source, Funding.Apbd,
            drugs.Keys.Order(StringComparer.Ordinal).Select(d => (d, Pack(drugs[d], monthlyUse.GetValueOrDefault((d, month0)) * 1.5 + 10))),
            "Stok awal saat SIMPUS mulai dipakai");

        for (var day = first; day <= today; day = day.AddDays(1))
        {
            var monthIndex = MonthIndex(day);
            // The monthly delivery on the first working day from the 3rd: the LPLPO request, mostly delivered in full.
            if (monthIndex > month0 && day == DeliveryDay(day.Year, day.Month))
            {
                var regular = new List<(string, int)>();
                var program = new List<(string, int)>();
                foreach (var drug in drugs.Keys.Order(StringComparer.Ordinal))
                {
                    var used = Enumerable.Range(1, 3).Select(k => monthlyUse.GetValueOrDefault((drug, monthIndex - k))).ToList();
                    var months = Math.Min(3, monthIndex - month0);
                    var average = used.Take(months).Sum() / (decimal)Math.Max(1, months);
                    var optimum = Math.Ceiling(average * 1.45m);
                    var request = (double)Math.Max(0, optimum - Stock(drug, day));
                    if (request <= 0)
                    {
                        continue;
                    }
                    var roll = random.NextDouble();
                    var delivered = roll < 0.01 ? 0 : roll < 0.05 ? request * (0.5 + random.NextDouble() * 0.4) : request;
                    (ProgramDrugs.Contains(drug) ? program : regular).Add((drug, Pack(drugs[drug], delivered)));
                }
                // So that the alerts have something to show on any day: short-dated lines in the last two deliveries, and one
                // batch of five months ago that expired three days ago and still waits to be written off.
                regular.RemoveAll(x => x.Item2 <= 0);
                var monthsAgo = MonthIndex(today) - monthIndex;
                // Slow movers (never prescribed) keep such batches on the shelf: FEFO would use up a busy drug's short batch first.
                var slow = unusedBottles.Skip(monthsAgo == 4 ? 0 : 1).FirstOrDefault();
                if (monthsAgo is 1 or 4 && slow is not null)
                {
                    regular.Add((slow, 20));
                }
                var last = regular.Count - 1;
                Func<int, DateOnly?>? expiryOf = monthsAgo switch
                {
                    1 when slow is not null => i => i == last ? today.AddDays(45) : i % 12 == 5 ? day.AddMonths(3 + i % 2).AddDays(-day.Day) : null,
                    <= 1 => i => i % 12 == 5 ? day.AddMonths(3 + i % 2).AddDays(-day.Day) : null,
                    4 when slow is not null => i => i == last ? today.AddDays(-3) : null,
                    _ => null,
                };
                Receive(day, Document(day, ++documentSeq), Source, Funding.Apbd, regular, "Distribusi rutin sesuai LPLPO", expiryOf);
                Receive(day, Document(day, ++documentSeq), Source, Funding.Program, program, "Obat program (TB, malaria, gizi, KB)");
            }
            // Now and then the puskesmas buys what ran out from a wholesaler with JKN capitation money.
            if (day.Day == 15 && monthIndex > month0)
            {
                var missing = drugs.Keys.Order(StringComparer.Ordinal)
                    .Where(d => Stock(d, day) == 0 && monthlyUse.GetValueOrDefault((d, monthIndex - 1)) > 0).Take(6)
                    .Select(d => (d, Pack(drugs[d], monthlyUse.GetValueOrDefault((d, monthIndex - 1)) * 0.6))).ToList();
                Receive(day, $"FAKTUR/PBF/{day:yyyyMMdd}", "PT Sehat Farma (PBF)", Funding.Jkn, missing, "Pembelian dana kapitasi JKN");
            }

            foreach (var visit in byDay.GetValueOrDefault(day, []).GroupBy(l => l.VisitId))
            {
                var v = visit.First();
                // Today's prescriptions written in the last half hour, and visits still at the poli, wait on the worklist.
                var handedAt = (v.Finished ?? v.Arrived.AddMinutes(40)).AddMinutes(8 + random.Next(20));
                if (day == today && (v.Status != "finished" || waiting.Contains(v.VisitId)))
                {
                    continue;
                }
                if (handedAt > now)
                {
                    handedAt = now.AddMinutes(-1);
                }
                var half = halfDone.Contains(v.VisitId);
                foreach (var line in half ? visit.Take(1) : visit)
                {
                    if (!byDrug.ContainsKey(line.Drug))
                    {
                        continue;
                    }
                    var usable = byDrug[line.Drug].Where(b => b.OnHand > 0 && b.Expiry >= day).OrderBy(b => b.Expiry).ThenBy(b => b.Id).ToList();
                    var available = usable.Sum(b => b.OnHand);
                    var give = Math.Min(line.Quantity, available);
                    var reason = give == line.Quantity ? null
                        : give == 0 ? "Stok kosong, pasien diminta membeli di apotek"
                        : $"Stok tidak cukup: diberikan {give} dari {line.Quantity}";
                    if (reason is not null)
                    {
                        shortLines++;
                    }
                    var lineId = w.DispenseLine(line.VisitId, line.Id, line.Drug, give, reason, day, handedAt);
                    var left = give;
                    foreach (var b in usable)
                    {
                        if (left == 0)
                        {
                            break;
                        }
                        var take = Math.Min(left, b.OnHand);
                        w.Ledger(b.Id, line.Drug, day, MovementKinds.Dispense, -take, handedAt, dispenseLine: lineId);
                        b.OnHand -= take;
                        left -= take;
                    }
                    dispensed++;
                }
                if (!half)
                {
                    w.Handover(v.VisitId, handedAt);
                }
            }

            if (day == today)
            {
                break;
            }
            var evening = At(day, 15, 30);
            // Expired batches are written off a few days after their date; the last one still waits on the shelf for the alert.
            foreach (var b in batches.Where(b => b.OnHand > 0 && b.Expiry < day && b.Expiry.AddDays(3 + (int)(b.Id % 8)) == day
                                                 && today.DayNumber - b.Expiry.DayNumber > 6))
            {
                var adjustmentId = w.Adjustment(b.Id, day, AdjustmentReasons.Kedaluwarsa, b.OnHand, "Dipisahkan untuk dimusnahkan bersama IFK", evening);
                w.Ledger(b.Id, b.Drug, day, MovementKinds.Adjustment, -b.OnHand, evening, adjustment: adjustmentId);
                b.OnHand = 0;
                expiredWriteOffs++;
            }
            // A little damage and loss.
            if (random.NextDouble() < 0.06)
            {
                var candidates = batches.Where(b => b.OnHand >= 20 && b.Expiry > day).ToList();
                if (candidates.Count > 0)
                {
                    var b = candidates[random.Next(candidates.Count)];
                    var damaged = random.NextDouble() < 0.7;
                    var quantity = 1 + random.Next(drugs[b.Drug] is "tablet" or "kapsul" ? 20 : 3);
                    var adjustmentId = w.Adjustment(b.Id, day, damaged ? AdjustmentReasons.Rusak : AdjustmentReasons.Hilang, quantity,
                        damaged ? "Kemasan rusak/basah" : "Tidak ditemukan saat pengecekan", evening);
                    w.Ledger(b.Id, b.Drug, day, MovementKinds.Adjustment, -quantity, evening, adjustment: adjustmentId);
                    b.OnHand -= quantity;
                }
            }
            // Stock opname on the last working day of each quarter: a few batches found slightly off.
            if (day.Month % 3 == 0 && IsLastWorkingDay(day))
            {
                var at = At(day, 16, 0);
                var opnameId = w.Opname(day, "Stok opname akhir triwulan", at);
                foreach (var b in batches.Where(b => b.OnHand > 0))
                {
                    var counted = b.OnHand;
                    if (random.NextDouble() < 0.04)
                    {
                        counted = Math.Max(0, b.OnHand + (random.NextDouble() < 0.75 ? -1 - random.Next(5) : 1 + random.Next(2)));
                    }
                    var lineId = w.OpnameLine(opnameId, b.Id, b.OnHand, counted);
                    if (counted != b.OnHand)
                    {
                        w.Ledger(b.Id, b.Drug, day, MovementKinds.Opname, counted - b.OnHand, at, opnameLine: lineId);
                        b.OnHand = counted;
                    }
                }
                opnames++;
            }
        }
        t.Commit();
        context.Log.WriteLine($"  {receipts} penerimaan, {batches.Count} bets, {dispensed} baris resep diberikan ({shortLines} kurang/kosong), " +
            $"{expiredWriteOffs} bets kedaluwarsa dihapus, {opnames} stok opname ({watch.ElapsedMilliseconds} ms)");

        DateTimeOffset At(DateOnly date, int hour, int minute) =>
            new DateTimeOffset(date.ToDateTime(new TimeOnly(hour, minute)), offset).ToUniversalTime();
    }

    private static int MonthIndex(DateOnly d) => d.Year * 12 + d.Month - 1;

    /// <summary>The first working day from the 3rd of the month.</summary>
    private static DateOnly DeliveryDay(int year, int month)
    {
        var day = new DateOnly(year, month, 3);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }
        return day;
    }

    private static string Document(DateOnly date, int seq) => $"SBBK/{date:yyyy}/{date:MM}/{seq:0000}";

    /// <summary>Rounded up to whole packs: boxes of 100 tablets or capsules, 10 of anything else.</summary>
    private static int Pack(string unit, double quantity)
    {
        if (quantity <= 0)
        {
            return 0;
        }
        var pack = unit is "tablet" or "kapsul" ? 100 : 10;
        return (int)Math.Ceiling(quantity / pack) * pack;
    }

    private static bool IsLastWorkingDay(DateOnly day)
    {
        if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return false;
        }
        for (var next = day.AddDays(1); next.Month == day.Month; next = next.AddDays(1))
        {
            if (next.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Prepared inserts that return the new row's id.</summary>
    private sealed class Writer(SqliteConnection c, SqliteTransaction t)
    {
        private readonly Dictionary<string, SqliteCommand> _commands = [];

        private long Insert(string sql, params object?[] values)
        {
            if (!_commands.TryGetValue(sql, out var command))
            {
                command = c.CreateCommand();
                command.Transaction = t;
                command.CommandText = sql;
                for (var i = 0; i < values.Length; i++)
                {
                    command.Parameters.Add(new SqliteParameter("$p" + i, null));
                }
                command.Prepare();
                _commands[sql] = command;
            }
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] switch
                {
                    null => DBNull.Value,
                    DateTimeOffset d => DapperSetup.FormatInstant(d),
                    DateOnly d => DapperSetup.FormatDate(d),
                    var x => x,
                };
            }
            return (long)command.ExecuteScalar()!;
        }

        public long Batch(string drug, string number, DateOnly expiry, string funding, DateTimeOffset at) => Insert(
            "INSERT INTO stock_batches (drug_code, batch_number, expiry_date, funding, on_hand, created_at) VALUES ($p0, $p1, $p2, $p3, 0, $p4) RETURNING id",
            drug, number, expiry, funding, at);

        public long Receipt(string document, DateOnly date, string source, string funding, string note, DateTimeOffset at) => Insert("""
            INSERT INTO stock_receipts (document_number, received_date, source, funding, note, created_at, created_by)
            VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6) RETURNING id
            """, document, date, source, funding, note, at, Pharmacist);

        public long ReceiptLine(long receipt, long batch, int quantity) => Insert(
            "INSERT INTO stock_receipt_lines (receipt_id, batch_id, quantity) VALUES ($p0, $p1, $p2) RETURNING id", receipt, batch, quantity);

        public long DispenseLine(long visit, long prescription, string drug, int quantity, string? reason, DateOnly date, DateTimeOffset at) => Insert("""
            INSERT INTO dispense_lines (visit_id, prescription_id, drug_code, quantity, substitute, reason, dispensed_date, created_at, created_by)
            VALUES ($p0, $p1, $p2, $p3, 0, $p4, $p5, $p6, $p7) RETURNING id
            """, visit, prescription, drug, quantity, reason, date, at, Pharmacist);

        public void Handover(long visit, DateTimeOffset at) => Insert(
            "INSERT INTO dispense_handovers (visit_id, handed_over_at, handed_over_by) VALUES ($p0, $p1, $p2) RETURNING visit_id", visit, at, Pharmacist);

        public long Adjustment(long batch, DateOnly date, string reason, int quantity, string note, DateTimeOffset at) => Insert("""
            INSERT INTO stock_adjustments (batch_id, adjusted_date, reason, quantity, note, created_at, created_by)
            VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6) RETURNING id
            """, batch, date, reason, quantity, note, at, Pharmacist);

        public long Opname(DateOnly date, string note, DateTimeOffset at) => Insert(
            "INSERT INTO stock_opnames (opname_date, note, created_at, created_by) VALUES ($p0, $p1, $p2, $p3) RETURNING id", date, note, at, Pharmacist);

        public long OpnameLine(long opname, long batch, int system, int counted) => Insert("""
            INSERT INTO stock_opname_lines (opname_id, batch_id, system_quantity, counted_quantity) VALUES ($p0, $p1, $p2, $p3) RETURNING id
            """, opname, batch, system, counted);

        public void Ledger(long batch, string drug, DateOnly date, string kind, int quantity, DateTimeOffset at,
            long? receiptLine = null, long? dispenseLine = null, long? adjustment = null, long? opnameLine = null) => Insert("""
            INSERT INTO stock_ledger (batch_id, drug_code, movement_date, kind, quantity, receipt_line_id, dispense_line_id, adjustment_id,
                                      opname_line_id, created_at, created_by)
            VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10) RETURNING id
            """, batch, drug, date, kind, quantity, receiptLine, dispenseLine, adjustment, opnameLine, at, Pharmacist);
    }
}
