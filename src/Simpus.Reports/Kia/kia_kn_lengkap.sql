-- KN lengkap: a baby's KN3 visit (8-28 days) in the period, with KN1 and KN2 recorded in the 28 days up to it.
SELECT COUNT(*)
FROM kia_neonatal k3
CROSS JOIN visits v3 ON v3.id = k3.visit_id
WHERE k3.kn_number = 3
  AND k3.voided_at IS NULL
  AND v3.status <> 'cancelled'
  AND v3.visit_date BETWEEN @From AND @To
  AND (SELECT COUNT(DISTINCT k.kn_number)
       FROM kia_neonatal k
       JOIN visits v ON v.id = k.visit_id
       WHERE k.patient_id = k3.patient_id
         AND k.kn_number IN (1, 2)
         AND k.voided_at IS NULL
         AND v.status <> 'cancelled'
         AND v.visit_date BETWEEN date(v3.visit_date, '-28 days') AND v3.visit_date) = 2
