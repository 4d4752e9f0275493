using Dapper;
using Simpus.Core.Data;

namespace Simpus.Core.Pharmacy;

/// <summary>
/// One drug's line of the LPLPO (Laporan Pemakaian dan Lembar Permintaan Obat) for a month, from the ledger:
/// persediaan = stok awal + penerimaan; sisa stok = persediaan − pemakaian − rusak/kedaluwarsa/hilang + selisih opname
/// (= the ledger balance at the month's end); stok optimum and permintaan per <see cref="Planning"/>.
/// </summary>
public sealed record LplpoRow
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required string Unit { get; init; }
    public string? FornasClass { get; init; }
    public int StokAwal { get; init; }
    public int Penerimaan { get; init; }
    public int Persediaan => StokAwal + Penerimaan;
    public int Pemakaian { get; init; }
    /// <summary>Written off in the month (expired, damaged, lost, returned), as a positive number.</summary>
    public int RusakHilang { get; init; }
    /// <summary>Of <see cref="RusakHilang"/>, what was written off as expired.</summary>
    public int Kedaluwarsa { get; init; }
    /// <summary>Stock opname differences of the month (signed: + found more, − found less).</summary>
    public int SelisihOpname { get; init; }
    public int SisaStok { get; init; }
    /// <summary>Average monthly use over the month and the two before it.</summary>
    public decimal PemakaianRataRata { get; init; }
    public int StokOptimum { get; init; }
    public int Permintaan { get; init; }
    /// <summary>Ketersediaan obat: months the remaining stock lasts at the average use; null without use.</summary>
    public decimal? Ketersediaan { get; init; }
    /// <summary>
    /// Days of the month (up to yesterday) that ended with no stock at all, counted from the drug's first movement, for drugs
    /// prescribed in the month or the two before (a drug nobody asks for is not "out of stock").
    /// </summary>
    public int HariKosong { get; init; }
    /// <summary>Units at the month's end in batches expiring within the warning window after it.</summary>
    public int HampirKedaluwarsa { get; init; }

    /// <summary>Whether the row has anything to report (the sheet lists every active drug; the package sends only these).</summary>
    public bool HasData => StokAwal != 0 || Penerimaan != 0 || Pemakaian != 0 || RusakHilang != 0 || SelisihOpname != 0 || SisaStok != 0
        || PemakaianRataRata != 0 || HariKosong != 0;
}

public sealed record LplpoReport
{
    public int Year { get; init; }
    public int Month { get; init; }
    public DateOnly From { get; init; }
    public DateOnly To { get; init; }
    public decimal DistributionPeriodMonths { get; init; }
    public decimal LeadTimeMonths { get; init; }
    public decimal SafetySharePercent { get; init; }
    public int ExpiryWindowMonths { get; init; }
    public IReadOnlyList<LplpoRow> Rows { get; init; } = [];
}

public static class Lplpo
{
    private sealed class MovementRow
    {
        public string Drug { get; init; } = "";
        public string FirstDate { get; init; } = "";
        public int Opening { get; init; }
        public int Received { get; init; }
        public int Used { get; init; }
        public int WrittenOff { get; init; }
        public int Opname { get; init; }
        public int Closing { get; init; }
        public int UsedThreeMonths { get; init; }
    }

    /// <summary>The LPLPO of a month; <paramref name="today"/> limits the stock-out days of the current month.</summary>
    public static LplpoReport Build(Database db, PharmacySettings settings, int year, int month, DateOnly today)
    {
        var from = new DateOnly(year, month, 1);
        var to = from.AddMonths(1).AddDays(-1);
        var useFrom = from.AddMonths(-2);
        using var c = db.Open();
        using (var pragma = c.CreateCommand())
        {
            pragma.CommandText = "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;";
            pragma.ExecuteNonQuery();
        }
        var args = new { from, to, useFrom, limit = to.AddMonths(settings.ExpiryWindowMonths) };
        var drugs = c.Query<(string Code, string Name, string Unit, string? FornasClass, bool Active)>(
            "SELECT code, name, unit, fornas_class, active FROM drugs").ToList();
        var movements = c.Query<MovementRow>(EmbeddedSql.Get("pharmacy_lplpo.sql"), args).ToDictionary(m => m.Drug, StringComparer.Ordinal);
        var expired = c.Query<(string Drug, int Quantity)>("""
            SELECT b.drug_code, SUM(a.quantity) FROM stock_adjustments a JOIN stock_batches b ON b.id = a.batch_id
            WHERE a.reason = 'kedaluwarsa' AND a.adjusted_date BETWEEN @from AND @to GROUP BY b.drug_code
            """, args).ToDictionary(r => r.Drug, r => r.Quantity, StringComparer.Ordinal);
        var expiring = c.Query<(string Drug, int Quantity)>(EmbeddedSql.Get("pharmacy_lplpo_expiring.sql"), args)
            .ToDictionary(r => r.Drug, r => r.Quantity, StringComparer.Ordinal);
        var daily = c.Query<(string Drug, string Date, int Quantity)>("""
            SELECT drug_code, movement_date, SUM(quantity) FROM stock_ledger
            WHERE movement_date BETWEEN @from AND @to GROUP BY drug_code, movement_date
            """, args).ToLookup(r => r.Drug, StringComparer.Ordinal);
        var lastCounted = today.AddDays(-1) < to ? today.AddDays(-1) : to; // today is not over yet
        // Stock-out days matter for drugs in demand: prescribed in the month or the two before (given or not).
        var inDemand = c.Query<string>("""
            SELECT DISTINCT r.drug_code FROM prescriptions r JOIN visits v ON v.id = r.visit_id
            WHERE v.visit_date BETWEEN @useFrom AND @to AND v.status <> 'cancelled' AND r.voided_at IS NULL
            """, args).ToHashSet(StringComparer.Ordinal);

        var rows = new List<LplpoRow>();
        foreach (var d in drugs)
        {
            movements.TryGetValue(d.Code, out var m);
            if (m is null && !d.Active)
            {
                continue;
            }
            var average = (m?.UsedThreeMonths ?? 0) / 3m;
            var closing = m?.Closing ?? 0;
            var optimum = Planning.OptimumStock(average, settings);
            rows.Add(new LplpoRow
            {
                Code = d.Code, Name = d.Name, Unit = d.Unit, FornasClass = d.FornasClass,
                StokAwal = m?.Opening ?? 0, Penerimaan = m?.Received ?? 0, Pemakaian = m?.Used ?? 0, RusakHilang = m?.WrittenOff ?? 0,
                Kedaluwarsa = expired.GetValueOrDefault(d.Code), SelisihOpname = m?.Opname ?? 0, SisaStok = closing,
                PemakaianRataRata = Math.Round(average, 2), StokOptimum = optimum, Permintaan = Planning.Request(optimum, closing),
                Ketersediaan = Planning.MonthsOfStock(closing, average),
                HariKosong = m is null || !inDemand.Contains(d.Code) ? 0
                    : StockOutDays(m.Opening, PharmacyClock.ParseDate(m.FirstDate), daily[d.Code], from, lastCounted),
                HampirKedaluwarsa = expiring.GetValueOrDefault(d.Code),
            });
        }
        rows.Sort((a, b) => string.Compare(a.Name, b.Name, StringComparison.Ordinal) is var n and not 0 ? n : string.CompareOrdinal(a.Code, b.Code));
        return new LplpoReport
        {
            Year = year, Month = month, From = from, To = to, DistributionPeriodMonths = settings.DistributionPeriodMonths,
            LeadTimeMonths = settings.LeadTimeMonths, SafetySharePercent = settings.SafetySharePercent, ExpiryWindowMonths = settings.ExpiryWindowMonths,
            Rows = rows,
        };
    }

    /// <summary>Days from <paramref name="from"/> to <paramref name="last"/> whose closing balance was zero, not before the drug's first movement.</summary>
    internal static int StockOutDays(int opening, DateOnly firstMovement, IEnumerable<(string Drug, string Date, int Quantity)> days, DateOnly from, DateOnly last)
    {
        var changes = days.ToDictionary(d => d.Date, d => d.Quantity, StringComparer.Ordinal);
        var balance = opening;
        var count = 0;
        for (var day = from; day <= last; day = day.AddDays(1))
        {
            balance += changes.GetValueOrDefault(DapperSetup.FormatDate(day));
            if (balance <= 0 && day >= firstMovement)
            {
                count++;
            }
        }
        return count;
    }
}
