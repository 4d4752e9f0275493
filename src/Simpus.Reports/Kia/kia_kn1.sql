-- KN1: neonatal visits at 6-48 hours in the period.
SELECT COUNT(*)
FROM kia_neonatal k
CROSS JOIN visits v ON v.id = k.visit_id
WHERE k.kn_number = 1
  AND k.voided_at IS NULL
  AND v.status <> 'cancelled'
  AND v.visit_date BETWEEN @From AND @To
