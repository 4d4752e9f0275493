-- Referrals out (rujukan): live referrals of non-cancelled visits in the period.
SELECT COUNT(*)
FROM referrals r
CROSS JOIN visits v ON v.id = r.visit_id
WHERE v.visit_date BETWEEN @From AND @To
  AND v.status <> 'cancelled'
  AND r.voided_at IS NULL
