-- Live diagnoses of the month's non-cancelled visits (POR cases are classified from these).
SELECT d.visit_id AS VisitId, d.code AS Code
FROM diagnoses d JOIN visits v ON v.id = d.visit_id
WHERE v.visit_date BETWEEN @from AND @to AND v.status <> 'cancelled' AND d.voided_at IS NULL
ORDER BY d.visit_id
