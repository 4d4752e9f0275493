-- Imunisasi dasar lengkap: children who received every basic dose (HB0, BCG, polio 1-4, DPT-HB-Hib 1-3, IPV,
-- campak-rubella) before their first birthday, counted in the period of the dose that completed the set.
WITH required (antigen, dose) AS (
    VALUES ('HB0', 1), ('BCG', 1), ('POLIO', 1), ('POLIO', 2), ('POLIO', 3), ('POLIO', 4),
           ('DPT-HB-HIB', 1), ('DPT-HB-HIB', 2), ('DPT-HB-HIB', 3), ('IPV', 1), ('CAMPAK-RUBELLA', 1)
),
given AS (
    SELECT i.patient_id,
           CASE upper(i.antigen)
               WHEN 'MR' THEN 'CAMPAK-RUBELLA' WHEN 'CAMPAK' THEN 'CAMPAK-RUBELLA'
               WHEN 'OPV' THEN 'POLIO' WHEN 'BOPV' THEN 'POLIO'
               WHEN 'DPT-HB-HIB' THEN 'DPT-HB-HIB' WHEN 'PENTAVALEN' THEN 'DPT-HB-HIB'
               ELSE upper(i.antigen) END AS antigen,
           i.dose,
           MIN(i.given_date) AS first_given
    FROM kia_immunizations i
    CROSS JOIN visits v ON v.id = i.visit_id
    WHERE i.voided_at IS NULL
      AND v.status <> 'cancelled'
    GROUP BY 1, 2, 3
),
complete AS (
    SELECT g.patient_id, MAX(g.first_given) AS completed_on, COUNT(*) AS doses
    FROM given g
    JOIN required r ON r.antigen = g.antigen AND r.dose = g.dose
    GROUP BY g.patient_id
)
SELECT COUNT(*)
FROM complete c
JOIN patients p ON p.id = c.patient_id
WHERE c.doses = (SELECT COUNT(*) FROM required)
  AND c.completed_on BETWEEN @From AND @To
  AND c.completed_on < date(p.birth_date, '+1 year')
