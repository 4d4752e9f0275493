-- K1/K4/K6: antenatal contacts with ordinal @Number (1, 4 or 6) in the period; each pregnancy reaches an ordinal once.
SELECT COUNT(*)
FROM kia_antenatal a
CROSS JOIN visits v ON v.id = a.visit_id
WHERE a.visit_number = @Number
  AND a.voided_at IS NULL
  AND v.status <> 'cancelled'
  AND v.visit_date BETWEEN @From AND @To
