-- KF lengkap: a mother's KF4 contact in the period, with KF1, KF2 and KF3 recorded in the 42 days up to it.
SELECT COUNT(*)
FROM kia_postnatal k4
CROSS JOIN visits v4 ON v4.id = k4.visit_id
WHERE k4.kf_number = 4
  AND k4.voided_at IS NULL
  AND v4.status <> 'cancelled'
  AND v4.visit_date BETWEEN @From AND @To
  AND (SELECT COUNT(DISTINCT k.kf_number)
       FROM kia_postnatal k
       JOIN visits v ON v.id = k.visit_id
       WHERE k.patient_id = k4.patient_id
         AND k.kf_number IN (1, 2, 3)
         AND k.voided_at IS NULL
         AND v.status <> 'cancelled'
         AND v.visit_date BETWEEN date(v4.visit_date, '-42 days') AND v4.visit_date) = 3
