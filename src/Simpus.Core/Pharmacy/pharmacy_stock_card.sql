-- The stock card of one drug between two dates: every ledger row with what it came from.
SELECT l.id AS Id, l.movement_date AS Date, l.kind AS Kind, l.quantity AS Quantity, l.batch_id AS BatchId, b.batch_number AS Batch,
       b.expiry_date AS Expiry, l.created_by AS CreatedBy, l.created_at AS CreatedAt,
       r.document_number AS Document, r.source AS Source,
       p.rm AS Rm, dl.visit_id AS VisitId,
       a.reason AS Reason,
       ol.opname_id AS OpnameId
FROM stock_ledger l
JOIN stock_batches b ON b.id = l.batch_id
LEFT JOIN stock_receipt_lines rl ON rl.id = l.receipt_line_id
LEFT JOIN stock_receipts r ON r.id = rl.receipt_id
LEFT JOIN dispense_lines dl ON dl.id = l.dispense_line_id
LEFT JOIN visits v ON v.id = dl.visit_id
LEFT JOIN patients p ON p.id = v.patient_id
LEFT JOIN stock_adjustments a ON a.id = l.adjustment_id
LEFT JOIN stock_opname_lines ol ON ol.id = l.opname_line_id
WHERE l.drug_code = @Code AND l.movement_date BETWEEN @start AND @end
ORDER BY l.movement_date, l.id
