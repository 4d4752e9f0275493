-- LB4: non-cancelled visits of the month grouped by what the report splits on. A visit is baru when no earlier
-- non-cancelled visit of the same patient falls in the same calendar year (the rule of VisitService.SelectVisit).
SELECT Sex, BirthDate, VisitDate, Poli, Payer, VisitType, COUNT(*) AS N
FROM (
    SELECT p.sex        AS Sex,
           p.birth_date AS BirthDate,
           v.visit_date AS VisitDate,
           v.poli       AS Poli,
           v.payer      AS Payer,
           CASE WHEN EXISTS (
               SELECT 1 FROM visits e
               WHERE e.patient_id = v.patient_id AND e.status <> 'cancelled'
                 AND substr(e.visit_date, 1, 4) = substr(v.visit_date, 1, 4)
                 AND (e.arrived_at < v.arrived_at OR (e.arrived_at = v.arrived_at AND e.id < v.id)))
                THEN 'lama' ELSE 'baru' END AS VisitType
    FROM visits v
    JOIN patients p ON p.id = v.patient_id
    WHERE v.visit_date BETWEEN @From AND @To
      AND v.status <> 'cancelled'
)
GROUP BY Sex, BirthDate, VisitDate, Poli, Payer, VisitType
