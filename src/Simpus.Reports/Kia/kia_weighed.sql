-- D: distinct children under five (calendar-exact at the visit date) weighed in the period.
SELECT COUNT(DISTINCT g.patient_id)
FROM kia_growth g
CROSS JOIN visits v ON v.id = g.visit_id
CROSS JOIN patients p ON p.id = g.patient_id
WHERE g.voided_at IS NULL
  AND v.status <> 'cancelled'
  AND v.visit_date BETWEEN @From AND @To
  AND v.visit_date < date(p.birth_date, '+5 years')
