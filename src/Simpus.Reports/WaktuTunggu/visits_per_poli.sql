-- Non-cancelled visits per poli in the month (examined or not).
SELECT v.poli AS Poli, COUNT(*) AS N
FROM visits v
WHERE v.visit_date BETWEEN @From AND @To
  AND v.status <> 'cancelled'
GROUP BY v.poli
