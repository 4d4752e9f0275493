-- Distinct patients with a non-cancelled visit in the period (a patient may have come under more than one payer).
SELECT COUNT(DISTINCT v.patient_id)
FROM visits v
WHERE v.visit_date BETWEEN @From AND @To
  AND v.status <> 'cancelled'
