-- Per drug: usable stock (unexpired batches), expired stock still on the shelf, the nearest expiry of a batch with stock,
-- and what was dispensed in the last 90 days (net of voided dispensing), for the derived minimum.
SELECT d.code AS Drug, d.name AS Name, d.unit AS Unit, d.form AS Form, d.fornas_class AS FornasClass, d.active AS Active,
       d.min_stock AS MinStock,
       COALESCE(s.on_hand, 0) AS OnHand,
       COALESCE(s.expired_on_hand, 0) AS ExpiredOnHand,
       s.next_expiry AS NextExpiry,
       COALESCE(s.batches, 0) AS Batches,
       COALESCE(u.used, 0) AS Used90
FROM drugs d
LEFT JOIN (
    SELECT drug_code,
           SUM(CASE WHEN expiry_date >= @today THEN on_hand ELSE 0 END) AS on_hand,
           SUM(CASE WHEN expiry_date < @today THEN on_hand ELSE 0 END) AS expired_on_hand,
           MIN(CASE WHEN on_hand > 0 AND expiry_date >= @today THEN expiry_date END) AS next_expiry,
           SUM(on_hand > 0) AS batches
    FROM stock_batches
    GROUP BY drug_code
) s ON s.drug_code = d.code
LEFT JOIN (
    SELECT drug_code, -SUM(quantity) AS used
    FROM stock_ledger
    WHERE kind = 'dispense' AND movement_date > @since AND movement_date <= @today
    GROUP BY drug_code
) u ON u.drug_code = d.code
ORDER BY d.name
