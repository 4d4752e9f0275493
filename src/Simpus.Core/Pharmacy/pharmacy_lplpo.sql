-- Per drug, from the ledger up to the month's end: the balance before the month, the month's movements by kind,
-- the balance at its end, and what was dispensed over the month and the two before it (for the average use).
SELECT drug_code AS Drug,
       MIN(movement_date) AS FirstDate,
       SUM(CASE WHEN movement_date < @from THEN quantity ELSE 0 END) AS Opening,
       SUM(CASE WHEN movement_date >= @from AND kind = 'receipt' THEN quantity ELSE 0 END) AS Received,
       -SUM(CASE WHEN movement_date >= @from AND kind = 'dispense' THEN quantity ELSE 0 END) AS Used,
       -SUM(CASE WHEN movement_date >= @from AND kind = 'adjustment' THEN quantity ELSE 0 END) AS WrittenOff,
       SUM(CASE WHEN movement_date >= @from AND kind = 'opname' THEN quantity ELSE 0 END) AS Opname,
       SUM(quantity) AS Closing,
       -SUM(CASE WHEN movement_date >= @useFrom AND kind = 'dispense' THEN quantity ELSE 0 END) AS UsedThreeMonths
FROM stock_ledger
WHERE movement_date <= @to
GROUP BY drug_code
