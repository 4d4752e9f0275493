using Dapper;
using Simpus.Core.Data;

namespace Simpus.Core.Pharmacy;

public sealed record ExpiryAlert(long BatchId, string Drug, string DrugName, string Unit, string Batch, DateOnly Expiry, int OnHand, int DaysToExpiry,
    bool Expired);

public sealed record MinimumAlert(string Drug, string DrugName, string Unit, int OnHand, int Minimum, bool MinimumDerived, decimal AverageMonthlyUse);

public sealed record OutOfStockAlert(string Drug, string DrugName, string Unit, int PrescriptionLines, int Patients, int ExpiredOnHand);

/// <summary>What the pharmacy must act on today.</summary>
public sealed record PharmacyAlerts
{
    public DateOnly Today { get; init; }
    public int ExpiryWindowMonths { get; init; }
    /// <summary>Batches with stock that expire within the window (expired ones first: they must be written off).</summary>
    public IReadOnlyList<ExpiryAlert> Expiring { get; init; } = [];
    /// <summary>Drugs whose usable stock is below their minimum.</summary>
    public IReadOnlyList<MinimumAlert> BelowMinimum { get; init; } = [];
    /// <summary>Drugs without usable stock that were prescribed today.</summary>
    public IReadOnlyList<OutOfStockAlert> OutOfStockPrescribedToday { get; init; } = [];
    public int Count => Expiring.Count + BelowMinimum.Count + OutOfStockPrescribedToday.Count;
}

/// <summary>Expiring batches, drugs below their minimum, and drugs prescribed today that are out of stock.</summary>
public sealed class AlertService(Database db, StockService stock, PharmacySettingsStore settings, PharmacyClock clock)
{
    public PharmacyAlerts Build()
    {
        var today = clock.Today;
        var window = settings.Get().ExpiryWindowMonths;
        using var c = db.Open();
        var expiring = c.Query<(long Id, string Drug, string DrugName, string Unit, string Batch, string Expiry, int OnHand)>("""
            SELECT b.id, b.drug_code, d.name, d.unit, b.batch_number, b.expiry_date, b.on_hand
            FROM stock_batches b JOIN drugs d ON d.code = b.drug_code
            WHERE b.on_hand > 0 AND b.expiry_date <= @limit
            ORDER BY b.expiry_date, d.name, b.id
            """, new { limit = today.AddMonths(window) })
            .Select(r =>
            {
                var expiry = PharmacyClock.ParseDate(r.Expiry);
                return new ExpiryAlert(r.Id, r.Drug, r.DrugName, r.Unit, r.Batch, expiry, r.OnHand, expiry.DayNumber - today.DayNumber, expiry < today);
            }).ToList();
        var rows = stock.Stock();
        var below = rows.Where(r => r.Active && r.BelowMinimum)
            .Select(r => new MinimumAlert(r.Drug, r.Name, r.Unit, r.OnHand, r.Minimum!.Value, r.MinimumDerived, r.AverageMonthlyUse))
            .OrderBy(r => r.Minimum == 0 ? 1 : (double)r.OnHand / r.Minimum).ThenBy(r => r.DrugName, StringComparer.Ordinal)
            .ToList();
        var byCode = rows.ToDictionary(r => r.Drug, StringComparer.Ordinal);
        var prescribed = c.Query<(string Drug, int Lines, int Patients)>("""
            SELECT r.drug_code, COUNT(*), COUNT(DISTINCT v.patient_id)
            FROM prescriptions r JOIN visits v ON v.id = r.visit_id
            WHERE v.visit_date = @today AND v.status <> 'cancelled' AND r.voided_at IS NULL
            GROUP BY r.drug_code
            """, new { today }).ToList();
        var outOfStock = prescribed
            .Where(p => byCode.TryGetValue(p.Drug, out var s) && s.OnHand == 0)
            .Select(p => new OutOfStockAlert(p.Drug, byCode[p.Drug].Name, byCode[p.Drug].Unit, p.Lines, p.Patients, byCode[p.Drug].ExpiredOnHand))
            .OrderByDescending(a => a.PrescriptionLines).ThenBy(a => a.DrugName, StringComparer.Ordinal)
            .ToList();
        return new PharmacyAlerts
        {
            Today = today, ExpiryWindowMonths = window, Expiring = expiring, BelowMinimum = below, OutOfStockPrescribedToday = outOfStock,
        };
    }
}
