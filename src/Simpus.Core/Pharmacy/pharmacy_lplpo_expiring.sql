-- Per drug: units on hand at the month's end in batches that expire within the warning window after it.
SELECT drug_code AS Drug, SUM(balance) AS Quantity
FROM (
    SELECT b.drug_code,
           (SELECT COALESCE(SUM(l.quantity), 0) FROM stock_ledger l WHERE l.batch_id = b.id AND l.movement_date <= @to) AS balance
    FROM stock_batches b
    WHERE b.expiry_date > @to AND b.expiry_date <= @limit
)
WHERE balance > 0
GROUP BY drug_code
