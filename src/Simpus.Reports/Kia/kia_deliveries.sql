-- Pn: deliveries attended by a health worker, by delivery date, in the period.
SELECT COUNT(*)
FROM kia_deliveries k
LEFT JOIN visits v ON v.id = k.visit_id
WHERE k.by_health_worker = 1
  AND k.voided_at IS NULL
  AND (k.visit_id IS NULL OR v.status <> 'cancelled')
  AND k.delivery_date BETWEEN @From AND @To
