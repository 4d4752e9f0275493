-- LB4: non-cancelled visits of the month grouped by what the report splits on; baru/lama from the view visit_types
-- (db/clinic/0055_visit_types.sql), as everywhere else.
SELECT Sex, BirthDate, VisitDate, Poli, Payer, VisitType, COUNT(*) AS N
FROM (
    SELECT p.sex        AS Sex,
           p.birth_date AS BirthDate,
           v.visit_date AS VisitDate,
           v.poli       AS Poli,
           v.payer      AS Payer,
           t.visit_type AS VisitType
    FROM visits v
    JOIN patients p ON p.id = v.patient_id
    JOIN visit_types t ON t.visit_id = v.id
    WHERE v.visit_date BETWEEN @From AND @To
      AND v.status <> 'cancelled'
)
GROUP BY Sex, BirthDate, VisitDate, Poli, Payer, VisitType
