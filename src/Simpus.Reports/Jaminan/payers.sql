-- Visits and distinct patients per payer among the non-cancelled visits of the month.
SELECT v.payer                      AS Payer,
       COUNT(*)                     AS Visits,
       COUNT(DISTINCT v.patient_id) AS Patients
FROM visits v
WHERE v.visit_date BETWEEN @From AND @To
  AND v.status <> 'cancelled'
GROUP BY v.payer
